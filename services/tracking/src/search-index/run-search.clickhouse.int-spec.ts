import { CreateExperiment, CreateRun, DeleteRun, LogBatch, SearchRuns } from '@slipway/contracts';
import type { z } from 'zod';
import { startTrackingTestService, type TrackingTestService } from '../testing/tracking-test-service';

jest.setTimeout(60_000);

/** A search of the test's experiment, defaults left to the contract. */
type Search = Omit<z.input<typeof SearchRuns.request>, 'experimentIds'>;

/** Runs of the ClickHouse search: f1 (or none), model, start time. */
const RUNS = [
  { id: 'chs_a1', f1: 0.95, model: 'a', start: 1_000 },
  { id: 'chs_a2', f1: 0.91, model: 'a', start: 2_000 },
  { id: 'chs_a3', f1: 0.91, model: 'a', start: 3_000 },
  { id: 'chs_a4', f1: 'NaN' as const, model: 'a', start: 4_000 },
  { id: 'chs_a5', f1: undefined, model: 'a', start: 5_000 },
  { id: 'chs_a6', f1: 0.99, model: 'a', start: 6_000 },
  { id: 'chs_b1', f1: 0.97, model: 'b', start: 7_000 },
  { id: 'chs_a7', f1: 0.2, model: 'a', start: 8_000 },
];

describe('run search in ClickHouse', () => {
  let t: TrackingTestService;
  let experimentId: string;

  beforeAll(async () => {
    t = await startTrackingTestService('chsearch');
    ({ experimentId } = await t.rpc.request(CreateExperiment, { name: 'ch-search' }));
    for (const r of RUNS) {
      await t.rpc.request(CreateRun, { runId: r.id, experimentId, startTime: r.start });
      await t.rpc.request(LogBatch, {
        runId: r.id,
        params: [{ key: 'model', value: r.model }],
        metrics: r.f1 === undefined ? [] : [{ key: 'f1', value: r.f1, timestamp: 1, step: 0 }],
      });
    }
    await t.rpc.request(DeleteRun, { runId: 'chs_a6' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const search = (request: Search) =>
    t.rpc.request(SearchRuns, { experimentIds: [experimentId], ...request });
  const ids = (page: { runs: { info: { runId: string } }[] }) => page.runs.map((r) => r.info.runId);

  async function allPages(request: Search): Promise<string[]> {
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await search({ ...request, pageToken });
      seen.push(...ids(page));
      pageToken = page.nextPageToken;
    } while (pageToken);
    return seen;
  }

  it('run search - metric and param filter ordered by a metric: ties by start time, deleted runs skipped, pages join up', async () => {
    const request = {
      filter: "metrics.f1 > 0.9 AND params.model = 'a'",
      orderBy: ['metrics.f1 DESC'],
      maxResults: 2,
    };
    const first = await search(request);
    expect(ids(first)).toEqual(['chs_a1', 'chs_a3']);
    expect(first.nextPageToken).toBeDefined();
    expect(first.runs[0]!.metrics).toEqual([expect.objectContaining({ key: 'f1', latest: 0.95 })]);
    expect(first.runs[0]!.params).toEqual([{ key: 'model', value: 'a' }]);
    expect(await allPages(request)).toEqual(['chs_a1', 'chs_a3', 'chs_a2']);
  });

  it('run search - ordering only: numbers, then NaN, then runs without the metric', async () => {
    expect(
      await allPages({ filter: "params.model = 'a'", orderBy: ['metrics.f1 ASC'], maxResults: 3 }),
    ).toEqual(['chs_a7', 'chs_a3', 'chs_a2', 'chs_a1', 'chs_a4', 'chs_a5']);
  });

  it('run search - the same answers as the Postgres path', async () => {
    // An attribute clause sends the search to Postgres; it holds for every run here.
    const both = async (filter: string, orderBy: string[]) => [
      await allPages({ filter, orderBy, maxResults: 2 }),
      await allPages({ filter: `${filter} AND attributes.status != 'KILLED'`, orderBy, maxResults: 2 }),
    ];
    for (const [filter, orderBy] of [
      ["metrics.f1 != 0.91 AND params.model LIKE '%'", ['metrics.f1 DESC']],
      ['metrics.f1 >= 0.2', []],
      ["params.model != 'b'", ['metrics.f1 DESC']],
    ] as const) {
      const [clickhouse, postgres] = await both(filter, [...orderBy]);
      expect(clickhouse).toEqual(postgres);
      expect(clickhouse.length).toBeGreaterThan(0);
    }
    const all = await search({ filter: 'metrics.f1 > 0', runViewType: 'ALL', orderBy: ['metrics.f1 DESC'] });
    expect(ids(all)[0]).toBe('chs_a6');
    const deleted = await search({
      filter: 'metrics.f1 > 0',
      runViewType: 'DELETED_ONLY',
      orderBy: ['metrics.f1 DESC'],
      maxResults: 1,
    });
    expect(ids(deleted)).toEqual(['chs_a6']);
    expect(deleted.nextPageToken).toBeUndefined();
  });

  it('run search - a token of another search is refused', async () => {
    const first = await search({ filter: 'metrics.f1 > 0', orderBy: ['metrics.f1 DESC'], maxResults: 1 });
    await expect(
      search({ filter: 'metrics.f1 > 0.5', orderBy: ['metrics.f1 DESC'], pageToken: first.nextPageToken }),
    ).rejects.toMatchObject({ code: 'TRACKING.INVALID_PAGE_TOKEN' });
  });
});
