import type { ClickHouseClient } from '@clickhouse/client';
import { ValidationError } from '@slipway/contracts';
import type { MetricPointView } from './metric-history.query';
import { float, int, queryRows, text } from './metric-rows';

/** What {@link historyBulkInterval} reads: one key of several runs, optionally between two steps. */
export interface BulkIntervalRequest {
  runIds: readonly string[];
  key: string;
  /** Give both or neither (MLflow's rule); inclusive. Neither: every step. */
  startStep?: number;
  endStep?: number;
  /** Most sampled steps (each run's first and last step come on top). */
  maxResults: number;
}

/** A point with the run it belongs to. */
export interface RunMetricPoint extends MetricPointView {
  runId: string;
}

// Int64 bounds as parameters: the range filter stays one statement whether bounds are given or not.
const MIN_STEP = '-9223372036854775808';
const MAX_STEP = '9223372036854775807';

// The distinct steps of all the runs in range, sorted; when more than `max`, `max` evenly spaced
// ones (index floor(i * n / max)) plus the last. Sampled in ClickHouse: a long series never
// travels whole.
const SAMPLED_STEPS = `
  SELECT if(length(s) <= {max:UInt32}, s, arrayDistinct(arrayPushBack(
           arrayMap(i -> s[intDiv(i * length(s), {max:UInt32}) + 1], range({max:UInt32})),
           s[length(s)])))
  FROM (
    SELECT arraySort(groupUniqArray(step)) AS s
    FROM metric_points
    WHERE run_id IN {runs:Array(String)} AND key = {key:String}
      AND step >= {lo:Int64} AND step <= {hi:Int64})`;

// Each run's first and last step of the whole series (MLflow adds them when they are in range).
const RUN_BOUNDS = `
  SELECT min(first_step), max(last_step)
  FROM metric_summaries
  WHERE run_id IN {runs:Array(String)} AND key = {key:String}
  GROUP BY run_id`;

const POINTS = `
  SELECT run_id, step, toUnixTimestamp64Milli(timestamp), value
  FROM metric_points
  WHERE run_id IN {runs:Array(String)} AND key = {key:String} AND step IN {steps:Array(Int64)}
  ORDER BY run_id, step, timestamp, event_id, ordinal`;

/**
 * MLflow's get-history-bulk-interval: the points of one metric of several runs at a shared
 * sample of steps, so the runs line up on a chart. Ordered by run (as asked), step, time.
 */
export async function historyBulkInterval(
  client: ClickHouseClient,
  request: BulkIntervalRequest,
): Promise<RunMetricPoint[]> {
  const { runIds, key, startStep, endStep, maxResults } = request;
  if ((startStep === undefined) !== (endStep === undefined)) {
    throw new ValidationError('history bulk interval request', [
      {
        path: startStep === undefined ? 'startStep' : 'endStep',
        message: 'give startStep and endStep, or neither',
      },
    ]);
  }
  if (startStep !== undefined && endStep !== undefined && startStep > endStep) {
    throw new ValidationError('history bulk interval request', [
      { path: 'endStep', message: `must be at least startStep (${startStep}), got ${endStep}` },
    ]);
  }
  const runs = [...new Set(runIds)];
  const range = { lo: startStep ?? MIN_STEP, hi: endStep ?? MAX_STEP };
  const [sampled, bounds] = await Promise.all([
    queryRows(client, { query: SAMPLED_STEPS, query_params: { runs, key, max: maxResults, ...range } }, [
      steps,
    ]),
    queryRows(client, { query: RUN_BOUNDS, query_params: { runs, key } }, [int, int]),
  ]);
  const inRange = (step: number) =>
    (startStep === undefined || step >= startStep) && (endStep === undefined || step <= endStep);
  const chosen = new Set(sampled[0]?.[0] ?? []);
  for (const [first, last] of bounds) for (const step of [first, last]) if (inRange(step)) chosen.add(step);
  if (chosen.size === 0) return [];

  const rows = await queryRows(client, { query: POINTS, query_params: { runs, key, steps: [...chosen] } }, [
    text,
    int,
    int,
    float,
  ]);
  const byRun = new Map<string, RunMetricPoint[]>(runs.map((runId) => [runId, []]));
  for (const [runId, step, timestamp, value] of rows)
    byRun.get(runId)?.push({ runId, step, timestamp, value });
  return runs.flatMap((runId) => byRun.get(runId) ?? []);
}

/** An `Array(Int64)` cell. */
function steps(cell: unknown): number[] | undefined {
  if (!Array.isArray(cell)) return undefined;
  const out: number[] = [];
  for (const item of cell) {
    const step = int(item);
    if (step === undefined) return undefined;
    out.push(step);
  }
  return out;
}
