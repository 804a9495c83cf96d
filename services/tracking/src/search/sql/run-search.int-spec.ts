import type { OrderByItem } from '../index';
import { parseFilter, parseOrderBy } from '../index';
import { ExperimentsService } from '../../experiments/experiments.service';
import {
  openTrackingTestDatabase,
  type TrackingTestDatabase,
} from '../../persistence/testing/tracking-test-database';
import { ParamsService } from '../../runs/params.service';
import { RunsService } from '../../runs/runs.service';
import { TagsService } from '../../runs/tags.service';
import { partitionFilter, RunSearchService, type MetricSortValues, type RunSearchQuery } from './index';

const T0 = 1_764_000_000_000;
const MODELS = ['svc', 'rf', 'xgb', 'lin'];

/** What the fixture stores for run `i`, mirrored here so expectations are computed, not hand-written. */
interface Fixture {
  runId: string;
  startTime: number;
  endTime: number | null;
  status: string;
  runName: string | null;
  userId: string;
  model?: string;
  team?: string;
  f1?: number;
}

const fixtures: Fixture[] = Array.from({ length: 40 }, (_, i) => ({
  runId: `a${String(i).padStart(2, '0')}`,
  startTime: T0 + (i % 7),
  endTime: i % 4 === 2 ? null : T0 + 100 + i,
  status: ['FINISHED', 'FAILED', 'RUNNING', 'KILLED'][i % 4],
  runName: i % 9 === 0 ? null : `run-${i}`,
  userId: i % 2 === 0 ? 'ana' : 'bo',
  ...(i % 5 === 0 ? {} : { model: MODELS[i % 4] }),
  ...(i % 6 === 0 ? {} : { team: i % 3 === 0 ? 'ml-core' : 'data' }),
  ...(i % 8 === 0 ? {} : { f1: [0.5, 0.75, NaN, Infinity, -Infinity, 0.75, 0.1][i % 7] }),
}));

const metricValues: MetricSortValues = new Map([
  ['f1', new Map(fixtures.filter((f) => f.f1 !== undefined).map((f) => [f.runId, f.f1 as number]))],
]);

type Sortable = { rank: number; value: number | string };
function sortValue(f: Fixture, item: OrderByItem): Sortable {
  if (item.entity === 'metric') {
    if (f.f1 === undefined) return { rank: 2, value: 0 };
    return Number.isNaN(f.f1) ? { rank: 1, value: 0 } : { rank: 0, value: f.f1 };
  }
  const raw =
    item.entity === 'param'
      ? f.model
      : item.entity === 'tag'
        ? f.team
        : (
            { start_time: f.startTime, end_time: f.endTime, run_id: f.runId, run_name: f.runName } as Record<
              string,
              string | number | null
            >
          )[item.key];
  return raw === undefined || raw === null ? { rank: 1, value: 0 } : { rank: 0, value: raw };
}

/** MLflow's order, computed in JS: items, then start_time DESC, then run_id ASC; missing last. */
function expectedOrder(rows: Fixture[], items: OrderByItem[]): string[] {
  const all: OrderByItem[] = [
    ...items,
    { entity: 'attribute', key: 'start_time', direction: 'DESC' },
    { entity: 'attribute', key: 'run_id', direction: 'ASC' },
  ];
  return [...rows]
    .sort((a, b) => {
      for (const item of all) {
        const [x, y] = [sortValue(a, item), sortValue(b, item)];
        if (x.rank !== y.rank) return x.rank - y.rank;
        if (x.value !== y.value) return (x.value < y.value ? -1 : 1) * (item.direction === 'ASC' ? 1 : -1);
      }
      return 0;
    })
    .map((f) => f.runId);
}

describe('RunSearchService', () => {
  let db: TrackingTestDatabase;
  let search: RunSearchService;
  let experimentId: string;
  let otherExperimentId: string;

  const ids = async (query: Omit<RunSearchQuery, 'experimentIds'>) =>
    (await search.search({ experimentIds: [experimentId], maxResults: 1000, ...query })).runs.map(
      (r) => r.info.runId,
    );
  const byFilter = async (filter: string) =>
    ids({ clauses: partitionFilter(parseFilter(filter)).relationalClauses });
  const where = (predicate: (f: Fixture) => boolean) => expectedOrder(fixtures.filter(predicate), []);

  /** Every page of a search, following tokens; fails on a duplicate. */
  async function allPages(query: Omit<RunSearchQuery, 'experimentIds'>, pageSize: number) {
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await search.search({
        experimentIds: [experimentId],
        ...query,
        maxResults: pageSize,
        pageToken,
      });
      expect(page.runs.length).toBeLessThanOrEqual(pageSize);
      seen.push(...page.runs.map((r) => r.info.runId));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    return { seen, pages };
  }

  beforeAll(async () => {
    db = await openTrackingTestDatabase();
    const experiments = new ExperimentsService(db.dataSource);
    const runs = new RunsService(db.dataSource, experiments);
    const params = new ParamsService(db.dataSource);
    const tags = new TagsService(db.dataSource);
    search = new RunSearchService(db.dataSource);
    experimentId = (await experiments.create({ name: 'search' })).experimentId;
    otherExperimentId = (await experiments.create({ name: 'elsewhere' })).experimentId;
    for (const f of fixtures) {
      await runs.create({
        runId: f.runId,
        experimentId,
        startTime: f.startTime,
        userId: f.userId,
        ...(f.runName ? { runName: f.runName } : {}),
      });
      if (f.status !== 'RUNNING')
        await runs.update(f.runId, { status: f.status as 'FINISHED', endTime: f.endTime ?? 0 });
      await params.logParams(f.runId, [
        ...(f.model ? [{ key: 'model', value: f.model }] : []),
        { key: 'seed', value: String(f.startTime) },
      ]);
      if (f.team) await tags.setTags(f.runId, [{ key: 'team', value: f.team }]);
    }
    await runs.create({ runId: 'elsewhere-1', experimentId: otherExperimentId, startTime: T0 });
    await params.logParams('elsewhere-1', [{ key: 'model', value: 'svc' }]);
    await runs.create({ runId: 'deleted-1', experimentId, startTime: T0 });
    await runs.delete('deleted-1');
  });
  afterAll(async () => {
    await db?.close();
  });

  test('no filter - the runs of the experiments, MLflow default order, with params and tags', async () => {
    expect(await ids({})).toEqual(expectedOrder(fixtures, []));
    const page = await search.search({ experimentIds: [experimentId], maxResults: 1 });
    expect(page.runs[0].data).toEqual({
      params: [
        { key: 'model', value: 'xgb' },
        { key: 'seed', value: String(T0 + 6) },
      ],
      tags: [
        { key: 'mlflow.runName', value: 'run-6' },
        { key: 'mlflow.user', value: 'ana' },
      ],
    });
    const both = await search.search({ experimentIds: [experimentId, otherExperimentId], maxResults: 1000 });
    expect(both.runs).toHaveLength(41);
  });

  test('view type - deleted runs only when asked', async () => {
    expect(await ids({ viewType: 'DELETED_ONLY' })).toEqual(['deleted-1']);
    expect(await ids({ viewType: 'ALL' })).toHaveLength(41);
  });

  test('params - =, !=, LIKE (case-sensitive), ILIKE; a run without the param never matches', async () => {
    expect(await byFilter(`params.model = 'svc'`)).toEqual(where((f) => f.model === 'svc'));
    expect(await byFilter(`params.model != 'svc'`)).toEqual(
      where((f) => f.model !== undefined && f.model !== 'svc'),
    );
    expect(await byFilter(`params.model LIKE '%g%'`)).toEqual(where((f) => f.model === 'xgb'));
    expect(await byFilter(`params.model LIKE 'SV%'`)).toEqual([]);
    expect(await byFilter(`params.model ILIKE 'SV%'`)).toEqual(where((f) => f.model === 'svc'));
  });

  test('tags - =, !=, LIKE, ILIKE', async () => {
    expect(await byFilter(`tags.team = 'data'`)).toEqual(where((f) => f.team === 'data'));
    expect(await byFilter(`tags."team" != 'data'`)).toEqual(where((f) => f.team === 'ml-core'));
    expect(await byFilter(`tags.team LIKE 'ml%'`)).toEqual(where((f) => f.team === 'ml-core'));
    expect(await byFilter(`tags.team ILIKE 'DATA'`)).toEqual(where((f) => f.team === 'data'));
  });

  test('attributes - strings, times (numeric, NULL end times never match), run_id lists', async () => {
    expect(await byFilter(`attributes.status = 'FAILED'`)).toEqual(where((f) => f.status === 'FAILED'));
    expect(await byFilter(`attributes.user_id != 'ana'`)).toEqual(where((f) => f.userId === 'bo'));
    expect(await byFilter(`attributes.run_name LIKE 'run-1%'`)).toEqual(
      where((f) => f.runName?.startsWith('run-1') ?? false),
    );
    expect(await byFilter(`attributes.start_time >= ${T0 + 5}`)).toEqual(where((f) => f.startTime >= T0 + 5));
    expect(await byFilter(`attributes.end_time < ${T0 + 120}`)).toEqual(
      where((f) => f.endTime !== null && f.endTime < T0 + 120),
    );
    expect(await byFilter(`attributes.run_id IN ('a01', 'a02', 'zzz')`)).toEqual(
      where((f) => ['a01', 'a02'].includes(f.runId)),
    );
    expect(await byFilter(`attributes.run_id NOT IN ('a01', 'a02')`)).toHaveLength(38);
  });

  test('clauses - joined by AND across kinds', async () => {
    expect(
      await byFilter(
        `params.model = 'rf' AND tags.team = 'data' AND attributes.status = 'FAILED' AND attributes.user_id = 'bo'`,
      ),
    ).toEqual(where((f) => f.model === 'rf' && f.team === 'data' && f.status === 'FAILED'));
  });

  test('runIdsIn - restricts to the runs the metrics store matched; an empty list matches nothing', async () => {
    expect(await ids({ runIdsIn: ['a03', 'a04', 'elsewhere-1'] })).toEqual(
      where((f) => ['a03', 'a04'].includes(f.runId)),
    );
    expect(await ids({ runIdsIn: [] })).toEqual([]);
  });

  test.each([
    ['params.model ASC'],
    ['params.model DESC'],
    ['tags.team DESC'],
    ['attributes.end_time ASC'],
    ['attributes.end_time DESC'],
    ['attributes.run_name DESC'],
    ['attributes.start_time ASC'],
    ['metrics.f1 DESC'],
    ['metrics.f1 ASC'],
  ])('order_by %s - missing values (and NaN metrics) last in either direction', async (item) => {
    const orderBy = parseOrderBy([item]);
    expect(await ids({ orderBy, metricSortValues: metricValues })).toEqual(expectedOrder(fixtures, orderBy));
  });

  test('order_by - several keys, metric first', async () => {
    const orderBy = parseOrderBy(['metrics.f1 DESC', 'params.model ASC', 'attributes.run_id DESC']);
    expect(await ids({ orderBy, metricSortValues: metricValues })).toEqual(expectedOrder(fixtures, orderBy));
  });

  test.each([
    [[], 7],
    [['metrics.f1 DESC', 'params.model'], 3],
    [['tags.team ASC', 'attributes.end_time DESC'], 4],
    [['attributes.run_name'], 40],
    [['params.model DESC'], 1],
  ])('pagination %j by %i - every page in order, no gap, no duplicate', async (items, pageSize) => {
    const orderBy = parseOrderBy(items);
    const { seen, pages } = await allPages({ orderBy, metricSortValues: metricValues }, pageSize);
    expect(seen).toEqual(expectedOrder(fixtures, orderBy));
    expect(pages).toBe(Math.ceil(40 / pageSize));
  });

  test('pagination - with a filter, the last page carries no token', async () => {
    const clauses = partitionFilter(parseFilter(`params.model != 'lin'`)).relationalClauses;
    const { seen } = await allPages({ clauses }, 5);
    expect(seen).toEqual(where((f) => f.model !== undefined && f.model !== 'lin'));
  });

  test('page token - rejected when forged, corrupted or from another search', async () => {
    const first = await search.search({ experimentIds: [experimentId], maxResults: 5 });
    const token = first.nextPageToken as string;
    const reject = (query: Partial<RunSearchQuery>) =>
      expect(search.search({ experimentIds: [experimentId], maxResults: 5, ...query })).rejects.toMatchObject(
        {
          code: 'TRACKING.INVALID_PAGE_TOKEN',
        },
      );
    await reject({ pageToken: 'garbage!' });
    await reject({ pageToken: token.slice(0, -4) });
    await reject({ pageToken: Buffer.from('{"v":1,"q":"x","k":[]}').toString('base64url') });
    await reject({ pageToken: token, orderBy: parseOrderBy(['params.model']) });
    await reject({
      pageToken: token,
      clauses: partitionFilter(parseFilter(`params.model = 'rf'`)).relationalClauses,
    });
    await reject({ pageToken: token, experimentIds: [otherExperimentId] });
    const second = await search.search({ experimentIds: [experimentId], maxResults: 5, pageToken: token });
    expect(second.runs).toHaveLength(5);
  });

  test('hostile values - compared as data, the tables stay intact', async () => {
    expect(await byFilter(`params.model = 'x'' OR ''1''=''1'`)).toEqual([]);
    expect(await byFilter(`tags.team LIKE '%''; DROP TABLE runs; --'`)).toEqual([]);
    expect(await ids({})).toHaveLength(40);
  });

  test('limits - max_results above 50000 or an empty experiment list is a validation error', async () => {
    await expect(search.search({ experimentIds: [experimentId], maxResults: 50_001 })).rejects.toMatchObject({
      code: 'COMMON.VALIDATION_FAILED',
    });
    await expect(search.search({ experimentIds: [] })).rejects.toMatchObject({
      code: 'COMMON.VALIDATION_FAILED',
    });
  });
});
