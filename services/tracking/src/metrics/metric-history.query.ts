import type { ClickHouseClient } from '@clickhouse/client';
import { ValidationError } from '@slipway/contracts';
import { decodeHistoryToken, encodeHistoryToken } from './metric-history.cursor';
import { float, int, queryRows, text } from './metric-rows';

/** One point of a series. */
export interface MetricPointView {
  step: number;
  /** ms since the epoch */
  timestamp: number;
  /** NaN and ±Infinity as JS numbers. */
  value: number;
}

/** Paging of {@link metricHistory}. */
export interface HistoryPageRequest {
  /** 1 to {@link MAX_HISTORY_PAGE_SIZE}; default {@link MAX_HISTORY_PAGE_SIZE}. */
  pageSize?: number;
  /** `nextPageToken` of the previous page; omitted for the first page. */
  pageToken?: string;
}

export interface MetricHistoryPage {
  /** Ordered by step, then timestamp (then event and position in it, so pages never overlap). */
  points: MetricPointView[];
  /** Present when more points follow. */
  nextPageToken?: string;
}

export const MAX_HISTORY_PAGE_SIZE = 10_000;

const SELECT = `
  SELECT step, toUnixTimestamp64Milli(timestamp), value, event_id, ordinal
  FROM metric_points
  WHERE run_id = {run:String} AND key = {key:String}`;
const ORDER = `ORDER BY step, timestamp, event_id, ordinal LIMIT {limit:UInt32}`;

const FIRST_PAGE = `${SELECT} ${ORDER}`;
// The order is the table's sort key, so pages are read in order; the lone `step >=` lets the
// primary key skip earlier granules, the tuple is the exact cursor.
const NEXT_PAGE = `${SELECT}
  AND step >= {step:Int64}
  AND (step, timestamp, event_id, ordinal) >
      ({step:Int64}, fromUnixTimestamp64Milli({ts:Int64}, 'UTC'), {event:String}, {ordinal:UInt16})
  ${ORDER}`;

/** Every point of one series, a page at a time; nothing is left out, whatever the length. */
export async function metricHistory(
  client: ClickHouseClient,
  runId: string,
  key: string,
  page: HistoryPageRequest = {},
): Promise<MetricHistoryPage> {
  const pageSize = page.pageSize ?? MAX_HISTORY_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_HISTORY_PAGE_SIZE) {
    throw new ValidationError('history request', [
      { path: 'pageSize', message: `must be an integer from 1 to ${MAX_HISTORY_PAGE_SIZE}` },
    ]);
  }
  const after = page.pageToken ? decodeHistoryToken(page.pageToken, runId, key) : undefined;
  const rows = await queryRows(
    client,
    {
      query: after ? NEXT_PAGE : FIRST_PAGE,
      query_params: {
        run: runId,
        key,
        limit: pageSize + 1,
        ...(after && { step: after.step, ts: after.timestamp, event: after.eventId, ordinal: after.ordinal }),
      },
    },
    [int, int, float, text, int],
  );
  const more = rows.length > pageSize;
  if (more) rows.length = pageSize;
  const points = rows.map(([step, timestamp, value]) => ({ step, timestamp, value }));
  if (!more) return { points };
  const [step, timestamp, , eventId, ordinal] = rows[rows.length - 1];
  return { points, nextPageToken: encodeHistoryToken(runId, key, { step, timestamp, eventId, ordinal }) };
}
