import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { chunks } from './id-chunks';
import { METRIC_POINT_COLUMNS } from './metric-points.encoding';

/** An event the writer is about to store. */
export interface StoredEventRef {
  runId: string;
  eventId: string;
}

/** Where the writer puts points: the seam between batching logic and ClickHouse. */
export interface MetricPointsStore {
  /** Which of these events are already stored, by event id. */
  storedEventIds(events: readonly StoredEventRef[]): Promise<Set<string>>;
  /** Inserts `rows` (JSONCompactEachRow lines in `METRIC_POINT_COLUMNS` order) in one statement. */
  insertRows(rows: string): Promise<void>;
}

const eventIdRow = z.tuple([z.string()]);

const INSERT = `INSERT INTO metric_points (${METRIC_POINT_COLUMNS.join(', ')}) FORMAT JSONCompactEachRow`;

/** {@link MetricPointsStore} on the tracking database (`metric_points`, `metric_events`). */
export class ClickHouseMetricPointsStore implements MetricPointsStore {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly maxIdsPerQuery: number,
  ) {}

  async storedEventIds(events: readonly StoredEventRef[]): Promise<Set<string>> {
    const stored = new Set<string>();
    // metric_events is keyed (run_id, event_id): a lookup, not a scan of the runs' points.
    for (const chunk of chunks(events, this.maxIdsPerQuery)) {
      if (chunk.length === 0) continue;
      const runs = [...new Set(chunk.map((e) => e.runId))];
      const ids = chunk.map((e) => e.eventId);
      const result = await this.client.query({
        query: `SELECT DISTINCT event_id FROM metric_events
          WHERE run_id IN {runs:Array(String)} AND event_id IN {ids:Array(String)}`,
        query_params: { runs, ids },
        format: 'JSONCompactEachRow',
      });
      for (const row of await result.json()) stored.add(eventIdRow.parse(row)[0]);
    }
    return stored;
  }

  async insertRows(rows: string): Promise<void> {
    // exec with a raw body sends the pre-encoded rows as they are (insert() would re-serialize
    // row objects); our own batching replaces ClickHouse's async inserts, hence async_insert=0.
    const result = await this.client.exec({
      query: INSERT,
      values: Readable.from([Buffer.from(rows)], { objectMode: false }),
      clickhouse_settings: { async_insert: 0 },
    });
    result.stream.destroy();
  }
}
