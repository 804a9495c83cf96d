import { runStatusSchema } from '../../events/tracking/run-status';

type Check = (cell: unknown) => boolean;

const STATUSES: ReadonlySet<unknown> = new Set(runStatusSchema.options);
const STAGES: ReadonlySet<unknown> = new Set(['active', 'deleted']);
const NON_FINITE: ReadonlySet<unknown> = new Set(['NaN', 'Infinity', '-Infinity']);

const text: Check = (c) => typeof c === 'string';
const nullableText: Check = (c) => c === null || typeof c === 'string';
const integer: Check = (c) => Number.isSafeInteger(c);
const nullableInteger: Check = (c) => c === null || Number.isSafeInteger(c);
const nullableValue: Check = (c) => c === null || Number.isFinite(c) || NON_FINITE.has(c);

/** The cells of each `runs` column. */
const RUN_CELLS: Readonly<Record<string, Check>> = {
  runId: text,
  experimentId: text,
  runName: nullableText,
  status: (c) => STATUSES.has(c),
  startTime: integer,
  endTime: nullableInteger,
  userId: nullableText,
  sourceName: nullableText,
  gitCommit: nullableText,
  parentRunId: nullableText,
  lifecycleStage: (c) => STAGES.has(c),
  artifactUri: text,
};

/** The cells of each aggregate array of a metric column (`key` aside). */
export const METRIC_COLUMN_CELLS: Readonly<Record<string, Check>> = {
  latest: nullableValue,
  step: nullableInteger,
  timestamp: nullableInteger,
  min: nullableValue,
  max: nullableValue,
  count: nullableInteger,
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function cellsAre(cells: unknown, check: Check): boolean {
  if (!Array.isArray(cells)) return false;
  for (let i = 0; i < cells.length; i++) if (!check(cells[i])) return false;
  return true;
}

function keysOnly(value: Record<string, unknown>, allowed: Readonly<Record<string, unknown>>): boolean {
  for (const name in value) if (!Object.hasOwn(allowed, name)) return false;
  return true;
}

function keyColumns(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const column of value as unknown[]) {
    if (!isRecord(column) || typeof column['key'] !== 'string' || !cellsAre(column['values'], nullableText))
      return false;
    if (Object.keys(column).length !== 2) return false;
  }
  return true;
}

function metricColumn(column: unknown): boolean {
  if (!isRecord(column) || typeof column['key'] !== 'string') return false;
  for (const name in column) {
    if (name === 'key') continue;
    const check = Object.hasOwn(METRIC_COLUMN_CELLS, name) ? METRIC_COLUMN_CELLS[name] : undefined;
    if (!check || !cellsAre(column[name], check)) return false;
  }
  return true;
}

/**
 * The {@link RpcDefinition.responseGuard} of `CompareRunsColumns`: one pass over the cells, no
 * copy. True only for a reply its zod schema accepts unchanged (every key known, every cell of
 * its type); anything else, an unknown key included, is left to the schema.
 */
export function isCompareRunsColumnsReply(value: unknown): boolean {
  if (!isRecord(value) || Object.keys(value).length !== 4) return false;
  const { runs, params, tags, metrics } = value;
  if (!isRecord(runs) || Object.keys(runs).length !== 12 || !keysOnly(runs, RUN_CELLS)) return false;
  for (const name in RUN_CELLS) if (!cellsAre(runs[name], RUN_CELLS[name]!)) return false;
  return keyColumns(params) && keyColumns(tags) && Array.isArray(metrics) && metrics.every(metricColumn);
}
