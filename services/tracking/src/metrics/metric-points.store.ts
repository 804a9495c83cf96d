import type { ClickHouseHandle } from '@slipway/persistence';
import { chunks } from './id-chunks';
import { METRIC_ROW_COLUMNS } from './metric-points.encoding';
import { queryRows, text } from './metric-rows';

/** An event the writer is about to store. */
export interface StoredEventRef {
  runId: string;
  eventId: string;
}

/** Where the writer puts points: the seam between batching logic and ClickHouse. */
export interface MetricPointsStore {
  /** Which of these events are already stored, by event id. */
  storedEventIds(events: readonly StoredEventRef[]): Promise<Set<string>>;
  /** Inserts `rows` (JSONCompactEachRow lines in `METRIC_ROW_COLUMNS` order) in one statement. */
  insertRows(rows: Buffer): Promise<void>;
}

/** {@link MetricPointsStore} on the tracking database (`metric_points`, `metric_events`). */
export class ClickHouseMetricPointsStore implements MetricPointsStore {
  constructor(
    private readonly clickhouse: Pick<ClickHouseHandle, 'client' | 'insertFormatted'>,
    private readonly maxIdsPerQuery: number,
  ) {}

  async storedEventIds(events: readonly StoredEventRef[]): Promise<Set<string>> {
    const stored = new Set<string>();
    // metric_events is keyed (run_id, event_id): a lookup, not a scan of the runs' points.
    for (const chunk of chunks(events, this.maxIdsPerQuery)) {
      if (chunk.length === 0) continue;
      const runs = [...new Set(chunk.map((e) => e.runId))];
      const ids = chunk.map((e) => e.eventId);
      const rows = await queryRows(
        this.clickhouse.client,
        {
          query: `SELECT DISTINCT event_id FROM metric_events
            WHERE run_id IN {runs:Array(String)} AND event_id IN {ids:Array(String)}`,
          query_params: { runs, ids },
        },
        [text],
      );
      for (const [eventId] of rows) stored.add(eventId);
    }
    return stored;
  }

  async insertRows(rows: Buffer): Promise<void> {
    // The pre-encoded rows go as they are (insert() would re-serialize row objects); JSON numbers
    // read into DateTime64 are ms ticks. Our own batching replaces ClickHouse's async inserts.
    // (chDB quirk: `INSERT … SELECT … FROM input()` with the rows inline inserts nothing, without
    // an error; an EPHEMERAL Int64 column was no faster.)
    await this.clickhouse.insertFormatted({
      table: 'metric_points',
      columns: METRIC_ROW_COLUMNS,
      format: 'JSONCompactEachRow',
      body: rows,
    });
  }
}
