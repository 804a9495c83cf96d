import { DataSource } from 'typeorm';
import { parseFilter, parseOrderBy } from '../index';
import { clauseCondition, partitionFilter } from './filter.sql';
import { runSortPlan } from './order-by.sql';
import { buildRunSearch, runSearchQuerySchema } from './run-search.query';
import { SqlParams } from './sql-params';

const relational = (filter: string) => partitionFilter(parseFilter(filter)).relationalClauses;
const condition = (filter: string) => {
  const params = new SqlParams();
  return { sql: clauseCondition(relational(filter)[0], 'r', params, 0), params: params.all() };
};

test('partitionFilter - metric clauses go to the metrics store, the rest to Postgres, order kept', () => {
  const { metricClauses, relationalClauses } = partitionFilter(
    parseFilter(`metrics.f1 > 0.9 AND params.model = 'svc' AND metrics.acc >= 0.5 AND tags.team = 'ml'`),
  );
  expect(metricClauses.map((c) => c.key)).toEqual(['f1', 'acc']);
  expect(relationalClauses.map((c) => `${c.entity}.${c.key}`)).toEqual(['param.model', 'tag.team']);
});

test('clause SQL - param equality uses the indexed prefix, then the whole value', () => {
  expect(condition(`params.model = 'svc'`)).toEqual({
    sql:
      'EXISTS (SELECT 1 FROM params f0 WHERE f0.run_id = r.run_id AND f0.key = :p1' +
      ' AND left(f0.value, 256) = left(:p0, 256) AND f0.value = :p0)',
    params: { p0: 'svc', p1: 'model' },
  });
});

test('clause SQL - tag LIKE / ILIKE / != keep MLflow operators and need the key to exist', () => {
  expect(condition(`tags."team" ILIKE 'ML%'`).sql).toBe(
    'EXISTS (SELECT 1 FROM run_tags f0 WHERE f0.run_id = r.run_id AND f0.key = :p1 AND f0.value ILIKE :p0)',
  );
  expect(condition(`tags.team != 'x'`).sql).toContain('f0.value <> :p0');
  expect(condition(`params.a LIKE 'x%'`).sql).toContain('f0.value LIKE :p0');
});

test('clause SQL - attributes: strings, times as bigint, run_id lists', () => {
  expect(condition(`attributes.status = 'FINISHED'`)).toEqual({
    sql: 'r.status = :p0',
    params: { p0: 'FINISHED' },
  });
  expect(condition(`attributes.end_time <= 5`)).toEqual({
    sql: 'r.end_time <= CAST(:p0 AS bigint)',
    params: { p0: 5 },
  });
  expect(condition(`attributes.run_id IN ('a', 'b')`)).toEqual({
    sql: 'r.run_id = ANY(CAST(:p0 AS text[]))',
    params: { p0: ['a', 'b'] },
  });
  expect(condition(`attributes.run_id NOT IN ('a')`).sql).toBe('r.run_id <> ALL(CAST(:p0 AS text[]))');
  expect(condition(`run.run_name ILIKE '%x%'`).sql).toBe('r.run_name ILIKE :p0');
});

test('run search SQL - user strings reach the database only as parameters', () => {
  const hostile = `x'); DROP TABLE runs; --`;
  const filter = `params."${'p'}" = '${hostile.replaceAll("'", "\\'")}' AND tags.t LIKE '${hostile.replaceAll("'", "\\'")}'`;
  const query = runSearchQuerySchema.parse({
    experimentIds: [`e1`],
    clauses: relational(filter),
    orderBy: parseOrderBy([`params."weird key" DESC`, 'metrics.f1']),
    metricSortValues: new Map([['f1', new Map([[hostile, 1]])]]),
    runIdsIn: [hostile],
  });
  const [sql, parameters] = buildRunSearch(
    new DataSource({ type: 'postgres' }),
    query,
  ).qb.getQueryAndParameters();
  expect(sql).not.toContain('DROP');
  expect(sql).not.toContain('weird key');
  expect(parameters).toContain(hostile);
  expect(parameters).toContain('weird key');
});

test('order plan - MLflow defaults complete the order: start_time DESC, then run_id ASC', () => {
  const plan = (items: string[]) =>
    runSortPlan(parseOrderBy(items), 'r', new SqlParams(), undefined).items.map(
      (i) => `${i.entity}.${i.key} ${i.direction}`,
    );
  expect(plan([])).toEqual(['attribute.start_time DESC', 'attribute.run_id ASC']);
  expect(plan(['params.model'])).toEqual([
    'param.model ASC',
    'attribute.start_time DESC',
    'attribute.run_id ASC',
  ]);
  expect(plan(['attributes.start_time ASC'])).toEqual(['attribute.start_time ASC', 'attribute.run_id ASC']);
  expect(plan(['attributes.run_id DESC'])).toEqual(['attribute.run_id DESC', 'attribute.start_time DESC']);
});

test('order plan - ordering by a metric without its values from the metrics store is refused', () => {
  expect(() => runSortPlan(parseOrderBy(['metrics.f1 DESC']), 'r', new SqlParams(), new Map())).toThrow(
    /metrics\.f1 needs its values/,
  );
});
