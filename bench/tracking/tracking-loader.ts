/**
 * Bulk load of Slipway's tracking stores for the benchmark, bypassing ingest (whose speed is
 * measured separately): runs, params and tags straight into the `tracking` schema's tables (the
 * rows `RunsRepository` / `RunDataRepository` write), metric points into ClickHouse's
 * `metric_points` (its materialized views fill `metric_summaries` and `metric_events`, as for
 * points the writer inserts).
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Pool } from 'pg';
import { chInsertPoints, pgParams, pgRunId, pgTags, type RunSet } from './bench-data';

/** Loads the runs of `set` with params and tags into experiment `experimentId` (artifact location `location`). */
export async function loadTrackingRuns(
  pool: Pool,
  set: RunSet,
  experimentId: string,
  location: string,
): Promise<void> {
  await pool.query(
    `INSERT INTO tracking.runs (run_id, experiment_id, run_name, status, start_time, end_time, user_id, source_name,
       source_git_commit, parent_run_id, lifecycle_stage, artifact_uri)
     SELECT ${pgRunId(set)}, $1, 'run-' || r, 'FINISHED', ${set.t0} + r * 1000, ${set.t0} + r * 1000 + 60000,
       'bench', 'bench.py', NULL, NULL, 'active', $2 || '/' || ${pgRunId(set)} || '/artifacts'
     FROM generate_series(0, ${set.runs - 1}) AS r`,
    [experimentId, location],
  );
  await pool.query(
    `INSERT INTO tracking.params (run_id, key, value) SELECT run_id, key, value FROM (${pgParams(set)}) p`,
  );
  await pool.query(
    `INSERT INTO tracking.run_tags (run_id, key, value) SELECT run_id, key, value FROM (${pgTags(set)}) t`,
  );
}

/** Loads every metric point of `set` into `metric_points`. */
export async function loadTrackingPoints(client: ClickHouseClient, set: RunSet): Promise<void> {
  if (set.keys.length === 0) return;
  await client.command({ query: chInsertPoints(set), clickhouse_settings: { async_insert: 0 } });
}

/** VACUUM ANALYZE of the tracking tables: at rest, statistics known (as for the baseline). */
export async function analyzeTracking(pool: Pool): Promise<void> {
  await pool.query('VACUUM (ANALYZE) tracking.runs, tracking.params, tracking.run_tags');
}

/** Waits (at most `timeoutMs`) until ClickHouse has no merge running: the metric tables at rest. */
export async function settleMerges(client: ClickHouseClient, timeoutMs = 60_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    const result = await client.query({
      query: 'SELECT count() AS n FROM system.merges',
      format: 'JSONEachRow',
    });
    const [{ n }] = (await result.json()) as [{ n: number | string }];
    if (Number(n) === 0 || Date.now() - start > timeoutMs) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 250));
  }
}
