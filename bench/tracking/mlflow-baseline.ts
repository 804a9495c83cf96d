/**
 * The baseline: MLflow's tracking tables in Postgres (schema `mlflow`), written from the
 * description of MLflow's SQLAlchemy models and alembic migrations (`experiments`, `runs`,
 * `params`, `tags`, `metrics` keyed (key, timestamp, step, run_uuid, value, is_nan),
 * `latest_metrics` keyed (key, run_uuid), and the `index_<table>_run_uuid` indexes; MLflow has
 * no index on `runs.experiment_id`), and the SQL its SqlAlchemyStore runs for each operation,
 * written here as the best single statements that schema allows.
 */
import type { Pool, PoolClient } from 'pg';
import {
  pgParams,
  pgPoints,
  pgRunId,
  pgTags,
  pgValue,
  T0,
  type RunSet,
  type IngestBatch,
} from './bench-data';

export const SCHEMA = 'mlflow';

/** Tables without their keys and indexes: those are added after the bulk load, as a restore would. */
const TABLES = [
  `CREATE SCHEMA ${SCHEMA}`,
  `CREATE TABLE ${SCHEMA}.experiments (
    experiment_id serial PRIMARY KEY,
    name varchar(256) NOT NULL UNIQUE,
    artifact_location varchar(256),
    lifecycle_stage varchar(32) CHECK (lifecycle_stage IN ('active', 'deleted')),
    creation_time bigint,
    last_update_time bigint)`,
  `CREATE TABLE ${SCHEMA}.runs (
    run_uuid varchar(32) PRIMARY KEY,
    name varchar(250),
    source_type varchar(20) CHECK (source_type IN ('NOTEBOOK', 'JOB', 'LOCAL', 'UNKNOWN', 'PROJECT')),
    source_name varchar(500),
    entry_point_name varchar(50),
    user_id varchar(256),
    status varchar(9) CHECK (status IN ('SCHEDULED', 'FAILED', 'FINISHED', 'RUNNING', 'KILLED')),
    start_time bigint,
    end_time bigint,
    source_version varchar(50),
    lifecycle_stage varchar(20) CHECK (lifecycle_stage IN ('active', 'deleted')),
    artifact_uri varchar(200),
    experiment_id integer REFERENCES ${SCHEMA}.experiments (experiment_id),
    deleted_time bigint)`,
  `CREATE TABLE ${SCHEMA}.params (
    key varchar(250) NOT NULL, value varchar(8000) NOT NULL, run_uuid varchar(32) NOT NULL)`,
  `CREATE TABLE ${SCHEMA}.tags (key varchar(250) NOT NULL, value varchar(8000), run_uuid varchar(32) NOT NULL)`,
  `CREATE TABLE ${SCHEMA}.metrics (
    key varchar(250) NOT NULL,
    value double precision NOT NULL,
    timestamp bigint NOT NULL,
    run_uuid varchar(32) NOT NULL,
    step bigint NOT NULL DEFAULT 0,
    is_nan boolean NOT NULL DEFAULT false)`,
  `CREATE TABLE ${SCHEMA}.latest_metrics (
    key varchar(250) NOT NULL,
    value double precision NOT NULL,
    timestamp bigint,
    step bigint NOT NULL,
    is_nan boolean NOT NULL,
    run_uuid varchar(32) NOT NULL)`,
];

/** MLflow's keys and indexes; foreign keys NOT VALID: enforced for new rows, the loaded ones are known good. */
const KEYS = [
  `ALTER TABLE ${SCHEMA}.params ADD CONSTRAINT param_pk PRIMARY KEY (key, run_uuid)`,
  `ALTER TABLE ${SCHEMA}.tags ADD CONSTRAINT tag_pk PRIMARY KEY (key, run_uuid)`,
  `ALTER TABLE ${SCHEMA}.metrics ADD CONSTRAINT metric_pk PRIMARY KEY (key, timestamp, step, run_uuid, value, is_nan)`,
  `ALTER TABLE ${SCHEMA}.latest_metrics ADD CONSTRAINT latest_metric_pk PRIMARY KEY (key, run_uuid)`,
  `CREATE INDEX index_params_run_uuid ON ${SCHEMA}.params (run_uuid)`,
  `CREATE INDEX index_tags_run_uuid ON ${SCHEMA}.tags (run_uuid)`,
  `CREATE INDEX index_metrics_run_uuid ON ${SCHEMA}.metrics (run_uuid)`,
  `CREATE INDEX index_latest_metrics_run_uuid ON ${SCHEMA}.latest_metrics (run_uuid)`,
  ...['params', 'tags', 'metrics', 'latest_metrics'].map(
    (t) =>
      `ALTER TABLE ${SCHEMA}.${t} ADD CONSTRAINT ${t}_run_uuid_fkey FOREIGN KEY (run_uuid) REFERENCES ${SCHEMA}.runs (run_uuid) NOT VALID`,
  ),
];

export async function createMlflowTables(pool: Pool): Promise<void> {
  for (const ddl of TABLES) await pool.query(ddl);
}

/** Creates an experiment; returns its integer id. */
export async function createMlflowExperiment(pool: Pool, name: string): Promise<number> {
  const { rows } = await pool.query<{ experiment_id: number }>(
    `INSERT INTO ${SCHEMA}.experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time)
     VALUES ($1::text, 'mlflow-artifacts:/' || $1::text, 'active', $2, $2) RETURNING experiment_id`,
    [name, T0],
  );
  return rows[0]!.experiment_id;
}

/**
 * Loads the runs of `set` (with params and tags) and, unless `withMetrics` is false, all their
 * metric points into `metrics` plus `latest_metrics` derived from them (as MLflow's migration
 * that created `latest_metrics` did: greatest step, then timestamp, then value).
 */
export async function loadMlflowRunSet(
  pool: Pool,
  set: RunSet,
  experimentId: number,
  withMetrics = true,
): Promise<void> {
  await pool.query(
    `INSERT INTO ${SCHEMA}.runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status,
       start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id)
     SELECT ${pgRunId(set)}, 'run-' || r, 'LOCAL', 'bench.py', '', 'bench', 'FINISHED',
       ${set.t0} + r * 1000, ${set.t0} + r * 1000 + 60000, '', 'active',
       'mlflow-artifacts:/${experimentId}/' || ${pgRunId(set)} || '/artifacts', ${experimentId}
     FROM generate_series(0, ${set.runs - 1}) AS r`,
  );
  await pool.query(
    `INSERT INTO ${SCHEMA}.params (key, value, run_uuid) SELECT key, value, run_id FROM (${pgParams(set)}) p`,
  );
  await pool.query(
    `INSERT INTO ${SCHEMA}.tags (key, value, run_uuid) SELECT key, value, run_id FROM (${pgTags(set)}) t`,
  );
  if (!withMetrics || set.keys.length === 0) return;
  await pool.query(
    `INSERT INTO ${SCHEMA}.metrics (key, value, timestamp, run_uuid, step, is_nan)
     SELECT key, ${pgValue(set)}, ${T0} + s * 1000, ${pgRunId(set)}, s, false FROM (${pgPoints(set)}) x`,
  );
  await pool.query(
    `INSERT INTO ${SCHEMA}.latest_metrics (key, value, timestamp, step, is_nan, run_uuid)
     SELECT DISTINCT ON (run_uuid, key) key, value, timestamp, step, is_nan, run_uuid
     FROM ${SCHEMA}.metrics WHERE run_uuid LIKE '${set.prefix}%'
     ORDER BY run_uuid, key, step DESC, timestamp DESC, value DESC`,
  );
}

/** Adds MLflow's keys and indexes, then VACUUM ANALYZE: the tables at rest, statistics known. */
export async function finishMlflowLoad(pool: Pool): Promise<void> {
  for (const ddl of KEYS) await pool.query(ddl);
  // As autovacuum eventually would: hint bits and visibility map set, so no timed query pays for them.
  await pool.query(
    `VACUUM (ANALYZE) ${SCHEMA}.runs, ${SCHEMA}.params, ${SCHEMA}.tags, ${SCHEMA}.metrics, ${SCHEMA}.latest_metrics`,
  );
}

// --- queries ---

/** A comparison row as the baseline builds it: run attributes, params, tags, latest metric values. */
export interface MlflowRow {
  runId: string;
  info: unknown[];
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, { value: number; step: number; timestamp: number }>;
}

const RUN_COLUMNS = `run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time,
  end_time, source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time`;

type Arrays = unknown[][];

async function rowsOf(db: Pool | PoolClient, text: string, values: unknown[]): Promise<Arrays> {
  return (await db.query({ text, values, rowMode: 'array' })).rows as Arrays;
}

/** Runs of `ids` with their params, tags and latest metrics, assembled into rows (MLflow's eager run loading). */
async function runsWithData(pool: Pool, ids: readonly string[], runRows?: Arrays): Promise<MlflowRow[]> {
  // MLflow's selectinload: one IN query per relation; the best form is `= ANY($1)`, in parallel.
  const [runs, latest, params, tags] = await Promise.all([
    runRows ?? rowsOf(pool, `SELECT ${RUN_COLUMNS} FROM ${SCHEMA}.runs WHERE run_uuid = ANY($1)`, [ids]),
    rowsOf(
      pool,
      `SELECT run_uuid, key, value, timestamp, step, is_nan FROM ${SCHEMA}.latest_metrics WHERE run_uuid = ANY($1)`,
      [ids],
    ),
    rowsOf(pool, `SELECT run_uuid, key, value FROM ${SCHEMA}.params WHERE run_uuid = ANY($1)`, [ids]),
    rowsOf(pool, `SELECT run_uuid, key, value FROM ${SCHEMA}.tags WHERE run_uuid = ANY($1)`, [ids]),
  ]);
  const byId = new Map<string, MlflowRow>();
  const rows = runs.map((r) => {
    const row: MlflowRow = { runId: r[0] as string, info: r, params: {}, tags: {}, metrics: {} };
    byId.set(row.runId, row);
    return row;
  });
  for (const [run, key, value, timestamp, step, isNan] of latest) {
    const row = byId.get(run as string);
    if (row)
      row.metrics[key as string] = {
        value: isNan ? NaN : (value as number),
        step: Number(step),
        timestamp: Number(timestamp),
      };
  }
  for (const [run, key, value] of params) {
    const row = byId.get(run as string);
    if (row) row.params[key as string] = value as string;
  }
  for (const [run, key, value] of tags) {
    const row = byId.get(run as string);
    if (row) row.tags[key as string] = value as string;
  }
  return rows;
}

/** Compare: attributes, params, tags and latest metrics of the chosen runs. */
export function mlflowCompare(pool: Pool, ids: readonly string[]): Promise<MlflowRow[]> {
  return runsWithData(pool, ids);
}

/**
 * Search `metrics.<metric> > threshold AND params.<param> = value ORDER BY metrics.<metric> DESC`,
 * first page: the statement SqlAlchemyStore._search_runs builds (inner joins of filtered
 * latest_metrics and params subqueries, an outer join of the ordering metric, MLflow's CASE rank
 * for NaN/missing, then start_time DESC, run_uuid), then the eager loads of the page's runs.
 */
export async function mlflowSearch(
  pool: Pool,
  experimentId: number,
  filter: { metric: string; threshold: number; param: string; value: string },
  maxResults: number,
): Promise<MlflowRow[]> {
  const page = await rowsOf(
    pool,
    `SELECT ${RUN_COLUMNS.split(',')
      .map((c) => `runs.${c.trim()}`)
      .join(', ')},
       CASE WHEN o.is_nan = true THEN 1 WHEN o.value IS NULL THEN 2 ELSE 0 END AS clause_1, o.value
     FROM ${SCHEMA}.runs
     JOIN (SELECT * FROM ${SCHEMA}.latest_metrics WHERE key = $2 AND value > $3) AS f1 ON runs.run_uuid = f1.run_uuid
     JOIN (SELECT * FROM ${SCHEMA}.params WHERE key = $4 AND value = $5) AS f2 ON runs.run_uuid = f2.run_uuid
     LEFT OUTER JOIN (SELECT * FROM ${SCHEMA}.latest_metrics WHERE key = $2) AS o ON runs.run_uuid = o.run_uuid
     WHERE runs.experiment_id IN ($1) AND runs.lifecycle_stage IN ('active')
     ORDER BY clause_1, o.value DESC, runs.start_time DESC, runs.run_uuid
     LIMIT $6 OFFSET 0`,
    [experimentId, filter.metric, filter.threshold, filter.param, filter.value, maxResults],
  );
  return runsWithData(
    pool,
    page.map((r) => r[0] as string),
    page.map((r) => r.slice(0, 14)),
  );
}

/** MLflow's get_metric_history: the whole series, in its order (timestamp, step, value). */
export async function mlflowHistory(pool: Pool, run: string, key: string): Promise<number> {
  const rows = await rowsOf(
    pool,
    `SELECT key, value, timestamp, step, is_nan FROM ${SCHEMA}.metrics WHERE run_uuid = $1 AND key = $2
     ORDER BY timestamp, step, value`,
    [run, key],
  );
  return rows.length;
}

/**
 * A chart of a series in Postgres, the fair second baseline: `buckets` equal step ranges, each
 * giving its lowest and highest value (2 points per bucket). It returns less than ours: the
 * extremes' exact step and time are not known (a bucket's first and last step stand in).
 */
export async function mlflowMinMaxBuckets(
  pool: Pool,
  run: string,
  key: string,
  buckets: number,
): Promise<number> {
  const rows = await rowsOf(
    pool,
    `WITH s AS (SELECT step, value FROM ${SCHEMA}.metrics WHERE run_uuid = $1 AND key = $2 AND NOT is_nan),
          b AS (SELECT min(step) AS lo, max(step) - min(step) + 1 AS span FROM s)
     SELECT (s.step - b.lo) * $3 / b.span AS bucket, min(s.step), max(s.step), min(s.value), max(s.value), count(*)
     FROM s, b GROUP BY bucket ORDER BY bucket`,
    [run, key, buckets],
  );
  return rows.length * 2;
}

/**
 * MLflow's log_batch of metrics for one run, in one transaction: read the run (must be active),
 * insert the points (one multi-row INSERT, as SQLAlchemy's insertmanyvalues sends), find which
 * keys have a latest_metrics row, lock those rows (ordered by key), compare in the client
 * (step, timestamp, value), update the rows that moved forward and insert the missing ones.
 */
export async function mlflowLogBatch(client: PoolClient, run: string, batch: IngestBatch): Promise<void> {
  const points = batch.points;
  await client.query('BEGIN');
  try {
    const active = await rowsOf(client, `SELECT lifecycle_stage FROM ${SCHEMA}.runs WHERE run_uuid = $1`, [
      run,
    ]);
    if (active[0]?.[0] !== 'active') throw new Error(`run ${run} is not active`);
    await client.query(
      `INSERT INTO ${SCHEMA}.metrics (key, value, timestamp, run_uuid, step, is_nan)
       SELECT k, v, t, $1, s, false FROM unnest($2::text[], $3::float8[], $4::int8[], $5::int8[]) AS p(k, v, t, s)`,
      [
        run,
        points.map((p) => p.key),
        points.map((p) => p.value),
        points.map((p) => p.timestamp),
        points.map((p) => p.step),
      ],
    );
    // The latest point per key within the batch.
    const candidates = new Map<string, IngestBatch['points'][number]>();
    for (const p of points) {
      const c = candidates.get(p.key);
      if (!c || newer(p, c)) candidates.set(p.key, p);
    }
    const keys = [...candidates.keys()];
    const present = (
      await rowsOf(client, `SELECT key FROM ${SCHEMA}.latest_metrics WHERE run_uuid = $1 AND key = ANY($2)`, [
        run,
        keys,
      ])
    ).map((r) => r[0] as string);
    const stored = new Map<string, { value: number; timestamp: number; step: number }>();
    if (present.length > 0) {
      const locked = await rowsOf(
        client,
        `SELECT key, value, timestamp, step FROM ${SCHEMA}.latest_metrics WHERE run_uuid = $1 AND key = ANY($2)
         ORDER BY run_uuid, key FOR UPDATE`,
        [run, present],
      );
      for (const [key, value, timestamp, step] of locked) {
        stored.set(key as string, {
          value: value as number,
          timestamp: Number(timestamp),
          step: Number(step),
        });
      }
    }
    const updates = [...candidates.values()].filter((p) => stored.has(p.key) && newer(p, stored.get(p.key)!));
    const inserts = [...candidates.values()].filter((p) => !stored.has(p.key));
    if (updates.length > 0) {
      await client.query(
        `UPDATE ${SCHEMA}.latest_metrics AS l SET value = u.v, timestamp = u.t, step = u.s, is_nan = false
         FROM unnest($2::text[], $3::float8[], $4::int8[], $5::int8[]) AS u(k, v, t, s)
         WHERE l.run_uuid = $1 AND l.key = u.k`,
        [
          run,
          updates.map((p) => p.key),
          updates.map((p) => p.value),
          updates.map((p) => p.timestamp),
          updates.map((p) => p.step),
        ],
      );
    }
    if (inserts.length > 0) {
      await client.query(
        `INSERT INTO ${SCHEMA}.latest_metrics (key, value, timestamp, step, is_nan, run_uuid)
         SELECT k, v, t, s, false, $1 FROM unnest($2::text[], $3::float8[], $4::int8[], $5::int8[]) AS u(k, v, t, s)`,
        [
          run,
          inserts.map((p) => p.key),
          inserts.map((p) => p.value),
          inserts.map((p) => p.timestamp),
          inserts.map((p) => p.step),
        ],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

function newer(
  a: { step: number; timestamp: number; value: number },
  b: { step: number; timestamp: number; value: number },
): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

/** Runs of `set` for the ingest benchmark (no metrics yet). */
export async function loadMlflowRunsOnly(pool: Pool, set: RunSet, experimentId: number): Promise<void> {
  await loadMlflowRunSet(pool, set, experimentId, false);
}
