/**
 * The benchmark's data, defined once and generated inside each store so both hold exactly the
 * same runs, params, tags and metric points: every value is an integer hash divided by a prime,
 * which Postgres (float8) and ClickHouse (Float64) compute to the same IEEE double.
 *
 * Loading is server-side (`INSERT … SELECT … FROM generate_series` in Postgres,
 * `INSERT … SELECT … FROM numbers()` in ClickHouse): no row crosses the client, which is as fast
 * as COPY (the repository has no COPY client: pg-copy-streams is not installed).
 */

/** Models of the talk's slide; `params.model` takes one of them. */
export const MODELS = ['svc', 'xgboost', 'random_forest', 'logistic_regression', 'extra_trees'] as const;

/** A family of runs: ids `<prefix><r padded to width>`, each with `keys` × `points` metric points. */
export interface RunSet {
  prefix: string;
  width: number;
  runs: number;
  /** Metric keys of every run. */
  keys: readonly string[];
  /** Points per (run, key): steps 0 … points-1. */
  points: number;
  /** Params of every run (see {@link paramSql}). */
  params: readonly string[];
  /** Changes the values of this set. */
  salt: number;
  /** Start time of run 0, ms; run r starts r seconds later. */
  t0: number;
}

export const T0 = 1_700_000_000_000;
const PRIME = 1_000_003;

export function runId(set: RunSet, r: number): string {
  return set.prefix + String(r).padStart(set.width, '0');
}

export function runIds(set: RunSet): string[] {
  return Array.from({ length: set.runs }, (_, r) => runId(set, r));
}

/** Value of run r, key index m, step s (the same formula as the SQL below). */
export function pointValue(set: RunSet, r: number, m: number, s: number): number {
  return ((r * 7919 + m * 104729 + s * 1299709 + set.salt) % PRIME) / PRIME;
}

/** Timestamp of step s (ms): one point per second from T0. */
export function pointTime(s: number): number {
  return T0 + s * 1000;
}

// --- Postgres expressions over r (bigint), m (bigint), s (bigint) ---

export function pgRunId(set: RunSet, r = 'r'): string {
  return `'${set.prefix}' || lpad(${r}::text, ${set.width}, '0')`;
}

export function pgValue(set: RunSet): string {
  return `((r * 7919 + m * 104729 + s * 1299709 + ${set.salt}) % ${PRIME})::float8 / ${PRIME}`;
}

/** `SELECT r, m, s` of every point of the set (r, m, s bigint), key text as `key`. */
export function pgPoints(set: RunSet): string {
  const perRun = set.keys.length * set.points;
  return `SELECT i / ${perRun} AS r, (i % ${perRun}) / ${set.points} AS m, i % ${set.points} AS s,
      (ARRAY[${set.keys.map((k) => `'${k}'`).join(',')}])[(i % ${perRun}) / ${set.points} + 1] AS key
    FROM generate_series(0::bigint, ${set.runs * perRun - 1}::bigint) AS g(i)`;
}

/** Value of param `key` of run r, as SQL (identical in both stores). */
export function paramSql(key: string): string {
  switch (key) {
    case 'model':
      return `(ARRAY[${MODELS.map((m) => `'${m}'`).join(',')}])[r % ${MODELS.length} + 1]`;
    case 'max_depth':
      return `(3 + r % 8)::text`;
    case 'learning_rate':
      return `(0.01 * (1 + r % 30))::text`;
    case 'n_estimators':
      return `(50 * (1 + r % 10))::text`;
    default:
      return `'5'`;
  }
}

/** `SELECT run_id, key, value` of every param of the set. */
export function pgParams(set: RunSet): string {
  return `SELECT ${pgRunId(set)} AS run_id, p.key, CASE p.key ${set.params
    .map((k) => `WHEN '${k}' THEN ${paramSql(k)}`)
    .join(' ')} END AS value
    FROM generate_series(0, ${set.runs - 1}) AS r
    CROSS JOIN unnest(ARRAY[${set.params.map((k) => `'${k}'`).join(',')}]::text[]) AS p(key)`;
}

/** `SELECT run_id, key, value` of the two system tags every run has. */
export function pgTags(set: RunSet): string {
  return `SELECT ${pgRunId(set)} AS run_id, t.key,
      CASE t.key WHEN 'mlflow.runName' THEN 'run-' || r ELSE 'bench' END AS value
    FROM generate_series(0, ${set.runs - 1}) AS r
    CROSS JOIN unnest(ARRAY['mlflow.runName', 'mlflow.user']::text[]) AS t(key)`;
}

// --- ClickHouse ---

/**
 * `INSERT INTO metric_points` of every point of the set, as the writer would store them: events
 * of 5 steps × all keys (event id `<run>/load/<k>`, ordinal within the event).
 */
export function chInsertPoints(set: RunSet): string {
  const perRun = set.keys.length * set.points;
  const keys = `[${set.keys.map((k) => `'${k}'`).join(',')}]`;
  return `INSERT INTO metric_points (run_id, key, step, timestamp, value, event_id, ordinal)
    SELECT concat('${set.prefix}', leftPad(toString(r), ${set.width}, '0')) AS run_id,
      arrayElement(${keys}, toUInt32(m + 1)) AS key,
      toInt64(s) AS step,
      fromUnixTimestamp64Milli(toInt64(${T0} + s * 1000), 'UTC') AS timestamp,
      toFloat64((r * 7919 + m * 104729 + s * 1299709 + ${set.salt}) % ${PRIME}) / ${PRIME} AS value,
      concat(run_id, '/load/', toString(intDiv(s, 5))) AS event_id,
      toUInt16(((s % 5) * ${set.keys.length} + m) % 65536) AS ordinal
    FROM (
      SELECT intDiv(number, ${perRun}) AS r, intDiv(number % ${perRun}, ${set.points}) AS m,
        number % ${set.points} AS s
      FROM numbers(${set.runs * perRun})
    )`;
}

// --- the metric batches of the ingest benchmark ---

/** One `MetricsLogged` event's points: 20 keys × 5 steps = 100 points of run `e % runs`. */
export interface IngestBatch {
  runIndex: number;
  points: { key: string; value: number; timestamp: number; step: number }[];
}

/** Event `e` of the ingest benchmark (the same 100 points for ours and the baseline). */
export function ingestBatch(set: RunSet, e: number): IngestBatch {
  const runIndex = e % set.runs;
  const k = Math.floor(e / set.runs);
  const stepsPerEvent = 100 / set.keys.length;
  const points: IngestBatch['points'] = [];
  for (let j = 0; j < stepsPerEvent; j++) {
    const s = k * stepsPerEvent + j;
    for (let m = 0; m < set.keys.length; m++) {
      points.push({
        key: set.keys[m]!,
        value: pointValue(set, runIndex, m, s),
        timestamp: pointTime(s),
        step: s,
      });
    }
  }
  return { runIndex, points };
}
