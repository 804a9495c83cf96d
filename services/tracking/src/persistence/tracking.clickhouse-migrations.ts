import type { ClickHouseMigrationSpec } from '@slipway/runtime';

/**
 * The metrics store, created in one go so the materialized views exist before the first point
 * (a view only sees inserts made after it exists: a later view over existing points needs a
 * backfill step of its own).
 *
 * - `metric_points`: every point, ordered for per-run, per-metric scans. Codecs measured in chDB
 *   on noisy training curves: `Delta, ZSTD` for steps, `DoubleDelta, ZSTD` for timestamps;
 *   `ZSTD` alone beats `Gorilla, ZSTD` for values (ratio 1.84 vs 1.50: noisy floats do not XOR
 *   well). `(event_id, ordinal)` names a point uniquely: the history cursor and dedup rely on it.
 * - `metric_summaries` (via `metric_summaries_mv`): per (run, key) the latest point, min, max,
 *   count and step range, so comparisons read one row per series. The latest point is the
 *   argMax by (step, timestamp, is-a-number, value): the greatest step, then the latest time,
 *   and on a full tie a number beats NaN and the greater number wins (MLflow keeps the greater
 *   value too). The key holds no NaN, so the comparison is a total order. `min`/`max` skip NaN
 *   (ClickHouse's min/max ignore NaN, also when merging parts) and are NaN only when every value
 *   is; ±Infinity count as values.
 * - `metric_events` (via `metric_events_mv`): one row per stored event, keyed (run, event), so
 *   the writer's redelivery check is a primary-key lookup instead of a scan of every point.
 */
const createMetricStore: ClickHouseMigrationSpec = {
  version: 1,
  name: 'create_metric_store',
  up: [
    `CREATE TABLE IF NOT EXISTS metric_points (
      run_id String CODEC(ZSTD(1)),
      key LowCardinality(String),
      step Int64 CODEC(Delta(8), ZSTD(1)),
      timestamp DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
      value Float64 CODEC(ZSTD(1)),
      event_id String CODEC(ZSTD(1)),
      ordinal UInt16 CODEC(ZSTD(1)),
      inserted_at DateTime64(3, 'UTC') DEFAULT now64(3) CODEC(DoubleDelta, ZSTD(1))
    ) ENGINE = MergeTree
    ORDER BY (run_id, key, step, timestamp)`,

    `CREATE TABLE IF NOT EXISTS metric_summaries (
      run_id String,
      key LowCardinality(String),
      latest AggregateFunction(argMax,
        Tuple(Float64, Int64, DateTime64(3, 'UTC')),
        Tuple(Int64, DateTime64(3, 'UTC'), UInt8, Float64)),
      min_value SimpleAggregateFunction(min, Float64),
      max_value SimpleAggregateFunction(max, Float64),
      point_count SimpleAggregateFunction(sum, UInt64),
      first_step SimpleAggregateFunction(min, Int64),
      last_step SimpleAggregateFunction(max, Int64)
    ) ENGINE = AggregatingMergeTree
    ORDER BY (run_id, key)`,

    `CREATE MATERIALIZED VIEW IF NOT EXISTS metric_summaries_mv TO metric_summaries AS
    SELECT
      run_id,
      key,
      argMaxState(
        (value, step, timestamp),
        (step, timestamp, toUInt8(NOT isNaN(value)), if(isNaN(value), 0, value))
      ) AS latest,
      min(value) AS min_value,
      max(value) AS max_value,
      toUInt64(count()) AS point_count,
      min(step) AS first_step,
      max(step) AS last_step
    FROM metric_points
    GROUP BY run_id, key`,

    `CREATE TABLE IF NOT EXISTS metric_events (
      run_id String,
      event_id String,
      points UInt32,
      inserted_at DateTime64(3, 'UTC')
    ) ENGINE = MergeTree
    ORDER BY (run_id, event_id)`,

    `CREATE MATERIALIZED VIEW IF NOT EXISTS metric_events_mv TO metric_events AS
    SELECT run_id, event_id, toUInt32(count()) AS points, max(inserted_at) AS inserted_at
    FROM metric_points
    GROUP BY run_id, event_id`,
  ],
  down: [
    'DROP VIEW IF EXISTS metric_events_mv',
    'DROP VIEW IF EXISTS metric_summaries_mv',
    'DROP TABLE IF EXISTS metric_events',
    'DROP TABLE IF EXISTS metric_summaries',
    'DROP TABLE IF EXISTS metric_points',
  ],
};

/** Versioned ClickHouse migrations of the tracking database, oldest first; never edited once released. */
export const trackingClickHouseMigrations: ClickHouseMigrationSpec[] = [createMetricStore];
