import { CompareRunsColumns, METRIC_COLUMN_AGGREGATES } from './compare-runs-columns.rpc';
import { isCompareRunsColumnsReply, METRIC_COLUMN_CELLS } from './compare-runs-columns.guard';

const reply = () => ({
  runs: {
    runId: ['r1', 'r2'],
    experimentId: ['1', '1'],
    runName: ['a', null],
    status: ['FINISHED', 'RUNNING'],
    startTime: [1700000000000, 1700000000001],
    endTime: [1700000000500, null],
    userId: [null, 'u'],
    sourceName: [null, null],
    gitCommit: ['abc', null],
    parentRunId: [null, 'r1'],
    lifecycleStage: ['active', 'deleted'],
    artifactUri: ['nats://a', 'nats://b'],
  },
  params: [{ key: 'model', values: ['SVC', null] }],
  tags: [] as unknown[],
  metrics: [
    {
      key: 'loss',
      latest: [0.25, 'NaN'],
      step: [3, null],
      timestamp: [10, null],
      min: ['-Infinity', null],
      max: ['Infinity', -1e-300],
      count: [4, null],
    },
    { key: 'f1', latest: [null, 0.9] },
    { key: 'acc' },
  ],
});

type Reply = ReturnType<typeof reply>;
/** Ways a reply can be wrong (or merely carry a key the schema would drop). */
const mutations: [string, (r: Reply) => void][] = [
  ['an unknown top-level key', (r) => Object.assign(r, { extra: 1 })],
  ['a missing runs column', (r) => delete (r.runs as Partial<Reply['runs']>).artifactUri],
  ['an unknown runs column', (r) => Object.assign(r.runs, { extra: [] })],
  ['a status outside the enum', (r) => (r.runs.status[0] = 'DONE')],
  ['a fractional start time', (r) => (r.runs.startTime[0] = 1.5)],
  ['a null start time', (r) => ((r.runs.startTime as unknown[])[0] = null)],
  ['a numeric run id', (r) => ((r.runs.runId as unknown[])[0] = 1)],
  ['a lifecycle outside the enum', (r) => (r.runs.lifecycleStage[1] = 'gone')],
  ['a param column without values', (r) => delete (r.params[0] as { values?: unknown }).values],
  ['a param value that is a number', (r) => ((r.params[0]!.values as unknown[])[0] = 5)],
  ['a tag column with an extra key', (r) => r.tags.push({ key: 't', values: [], extra: true })],
  ['a metric value that is another string', (r) => ((r.metrics[0]!.latest as unknown[])[0] = 'nan')],
  ['a metric value that is an object', (r) => ((r.metrics[0]!.latest as unknown[])[0] = {})],
  ['a fractional count', (r) => ((r.metrics[0]!.count as unknown[])[0] = 0.5)],
  ['an unsafe integer step', (r) => ((r.metrics[0]!.step as unknown[])[0] = 2 ** 60)],
  ['an unknown aggregate', (r) => Object.assign(r.metrics[0]!, { median: [1, 2] })],
  ['a metric without a key', (r) => delete (r.metrics[1] as { key?: string }).key],
  ['metrics that are not an array', (r) => ((r as { metrics: unknown }).metrics = {})],
  ['a column that is not an array', (r) => ((r.metrics[1] as { latest: unknown }).latest = 'NaN')],
];

describe('compare runs columns - reply guard', () => {
  it('compare runs columns guard - a valid reply passes and is exactly what the schema makes of it', () => {
    expect(isCompareRunsColumnsReply(reply())).toBe(true);
    expect(CompareRunsColumns.response.parse(reply())).toEqual(reply());
    expect(CompareRunsColumns.responseGuard).toBe(isCompareRunsColumnsReply);
  });

  it.each(mutations)('compare runs columns guard - %s is left to the schema', (_, mutate) => {
    const r = reply();
    mutate(r);
    expect(isCompareRunsColumnsReply(r)).toBe(false);
  });

  it('compare runs columns guard - knows every aggregate the contract has', () => {
    expect(Object.keys(METRIC_COLUMN_CELLS).sort()).toEqual([...METRIC_COLUMN_AGGREGATES].sort());
  });

  it('compare runs columns guard - never vouches for what the schema refuses', () => {
    for (const value of [null, [], 'x', {}, { runs: {}, params: [], tags: [], metrics: [] }]) {
      expect(isCompareRunsColumnsReply(value)).toBe(false);
    }
  });
});
