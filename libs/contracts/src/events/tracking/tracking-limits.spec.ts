import { MetricsBatchLogged, MetricsLogged, ParamsLogged, RunStarted, TagsSet } from './index';

const point = (i: number) => ({ key: `m${i % 7}`, value: i, timestamp: 1738324800000 + i, step: i });
const issuesOf = (result: { error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('.'));

test('MetricsLogged - accepts 1 to 1000 points per event', () => {
  expect(MetricsLogged.schema.safeParse({ runId: 'r', metrics: [point(0)] }).success).toBe(true);
  const thousand = Array.from({ length: 1000 }, (_, i) => point(i));
  expect(MetricsLogged.schema.safeParse({ runId: 'r', metrics: thousand }).success).toBe(true);
});

test('MetricsLogged - rejects 1001 points and an empty batch', () => {
  const tooMany = Array.from({ length: 1001 }, (_, i) => point(i));
  expect(issuesOf(MetricsLogged.schema.safeParse({ runId: 'r', metrics: tooMany }))).toEqual(['metrics']);
  expect(issuesOf(MetricsLogged.schema.safeParse({ runId: 'r', metrics: [] }))).toEqual(['metrics']);
});

test('MetricsLogged - rejects a fractional step and a negative timestamp', () => {
  const result = MetricsLogged.schema.safeParse({
    runId: 'r',
    metrics: [{ ...point(1), step: 0.5, timestamp: -1 }],
  });
  expect(issuesOf(result)).toEqual(['metrics.0.timestamp', 'metrics.0.step']);
});

test('tracking keys - accept 250 characters and reject 251', () => {
  const parse = (key: string) => ParamsLogged.schema.safeParse({ runId: 'r', params: [{ key, value: 'v' }] });
  expect(parse('k'.repeat(250)).success).toBe(true);
  expect(issuesOf(parse('k'.repeat(251)))).toEqual(['params.0.key']);
});

test("tracking keys - follow MLflow's characters and normalized paths", () => {
  const ok = (key: string) =>
    MetricsLogged.schema.safeParse({ runId: 'r', metrics: [{ ...point(0), key }] }).success;
  for (const key of ['val/loss', 'f1 score', 'lr-0.01_x', 'a/b/c']) expect(ok(key)).toBe(true);
  for (const key of ['', 'a:b', 'a,b', 'naïve', 'a/../b', '../a', '/a', 'a/', 'a//b', '.', 'a/./b']) {
    expect(ok(key)).toBe(false);
  }
});

test('ParamsLogged - rejects 101 params and a value over 6000 characters', () => {
  const params = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: 'v' }));
  expect(issuesOf(ParamsLogged.schema.safeParse({ runId: 'r', params }))).toEqual(['params']);
  const long = [{ key: 'p', value: 'v'.repeat(6001) }];
  expect(issuesOf(ParamsLogged.schema.safeParse({ runId: 'r', params: long }))).toEqual(['params.0.value']);
  expect(
    ParamsLogged.schema.safeParse({ runId: 'r', params: [{ key: 'p', value: 'v'.repeat(6000) }] }).success,
  ).toBe(true);
});

test('TagsSet - rejects 101 tags and a value over 8000 characters', () => {
  const tags = Array.from({ length: 101 }, (_, i) => ({ key: `t${i}`, value: 'v' }));
  expect(issuesOf(TagsSet.schema.safeParse({ runId: 'r', tags }))).toEqual(['tags']);
  const long = [{ key: 't', value: 'v'.repeat(8001) }];
  expect(issuesOf(TagsSet.schema.safeParse({ runId: 'r', tags: long }))).toEqual(['tags.0.value']);
});

test('RunStarted - needs an experiment id or name', () => {
  const base = { runId: 'r', startTime: 1738324800000 };
  expect(RunStarted.schema.safeParse({ ...base, experimentId: '12' }).success).toBe(true);
  expect(RunStarted.schema.safeParse({ ...base, experimentName: 'churn' }).success).toBe(true);
  expect(issuesOf(RunStarted.schema.safeParse(base))).toEqual(['experimentId']);
});

test('RunStarted - rejects an unsafe parent run id and a non-hex commit', () => {
  const result = RunStarted.schema.safeParse({
    runId: 'r',
    experimentId: '12',
    startTime: 0,
    parentRunId: 'a.b',
    gitCommit: 'main',
  });
  expect(issuesOf(result)).toEqual(['gitCommit', 'parentRunId']);
});

test('MetricsBatchLogged - runs of up to 1000 points each, at most 5000 points in all', () => {
  const run = (runId: string, n: number) => ({
    runId,
    metrics: Array.from({ length: n }, (_, i) => point(i)),
  });
  const parse = (runs: unknown[]) => MetricsBatchLogged.schema.safeParse({ runs });
  expect(
    parse([run('a', 1000), run('b', 1000), run('c', 1000), run('d', 1000), run('e', 1000)]).success,
  ).toBe(true);
  const over = parse([
    run('a', 1000),
    run('b', 1000),
    run('c', 1000),
    run('d', 1000),
    run('e', 1000),
    run('f', 1),
  ]);
  expect(issuesOf(over)).toEqual(['runs']);
  expect(over.error?.issues[0]?.message).toBe('at most 5000 points per batch, all runs together (got 5001)');
  expect(issuesOf(parse([]))).toEqual(['runs']);
  expect(issuesOf(parse([run('a', 1), run('b', 1001)]))).toEqual(['runs.1.metrics']);
  expect(issuesOf(parse([run('a', 1), { runId: 'b', metrics: [{ ...point(1), value: 'high' }] }]))).toEqual([
    'runs.1.metrics.0.value',
  ]);
});
