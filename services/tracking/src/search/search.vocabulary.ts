/**
 * The words of MLflow's run-search language: entity prefixes, run attributes and their aliases,
 * operators and keywords. Taken from MLflow's search documentation and its `SearchUtils` tables,
 * so a filter MLflow accepts is accepted here with the same meaning.
 */

/** The four kinds of thing a run filter or order_by item can name. */
export const FILTER_ENTITIES = ['metric', 'param', 'tag', 'attribute'] as const;
export type FilterEntity = (typeof FILTER_ENTITIES)[number];

/** Every prefix MLflow accepts before the `.`, mapped to the entity it names (case-sensitive, as in MLflow). */
export const ENTITY_PREFIXES: ReadonlyMap<string, FilterEntity> = new Map<string, FilterEntity>([
  ['metric', 'metric'],
  ['metrics', 'metric'],
  ['param', 'param'],
  ['params', 'param'],
  ['parameter', 'param'],
  ['parameters', 'param'],
  ['tag', 'tag'],
  ['tags', 'tag'],
  ['attribute', 'attribute'],
  ['attributes', 'attribute'],
  ['attr', 'attribute'],
  ['run', 'attribute'],
]);

/** Prefixes MLflow knows but Slipway does not search yet; named so the error can say so. */
export const UNSUPPORTED_PREFIXES: ReadonlySet<string> = new Set(['dataset', 'datasets']);

/** The prefix `formatFilter` writes for each entity. */
export const CANONICAL_PREFIX: Readonly<Record<FilterEntity, string>> = {
  metric: 'metrics',
  param: 'params',
  tag: 'tags',
  attribute: 'attributes',
};

/** Run attributes compared as strings (MLflow's `RunInfo` searchable attributes). */
export const STRING_ATTRIBUTES = ['run_id', 'run_name', 'status', 'user_id', 'artifact_uri'] as const;
/** Run attributes compared as integers (milliseconds since the epoch). */
export const NUMERIC_ATTRIBUTES = ['start_time', 'end_time'] as const;
export const RUN_ATTRIBUTES = [...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES] as const;
export type StringAttribute = (typeof STRING_ATTRIBUTES)[number];
export type NumericAttribute = (typeof NUMERIC_ATTRIBUTES)[number];
export type RunAttribute = (typeof RUN_ATTRIBUTES)[number];

/** Aliases MLflow accepts in filters; resolved to the canonical key at parse time. */
export const FILTER_ATTRIBUTE_ALIASES: ReadonlyMap<string, RunAttribute> = new Map<string, RunAttribute>([
  ['created', 'start_time'],
  ['Created', 'start_time'],
  ['run name', 'run_name'],
  ['Run name', 'run_name'],
  ['Run Name', 'run_name'],
]);

/** Aliases MLflow accepts in order_by (it has no `run name` alias there). */
export const ORDER_BY_ATTRIBUTE_ALIASES: ReadonlyMap<string, RunAttribute> = new Map<string, RunAttribute>([
  ['created', 'start_time'],
  ['Created', 'start_time'],
]);

export const NUMERIC_OPERATORS = ['=', '!=', '<', '<=', '>', '>='] as const;
export const STRING_OPERATORS = ['=', '!=', 'LIKE', 'ILIKE'] as const;
export const LIST_OPERATORS = ['IN', 'NOT IN'] as const;
export type NumericOperator = (typeof NUMERIC_OPERATORS)[number];
export type StringOperator = (typeof STRING_OPERATORS)[number];
export type ListOperator = (typeof LIST_OPERATORS)[number];
export type FilterOperator = NumericOperator | StringOperator | ListOperator;

/**
 * The SQL of each comparison operator, the same in Postgres and ClickHouse (`!=` is `<>` in
 * both). Queries pick from this table by a parsed, checked key, so no caller text reaches SQL.
 */
export const SQL_OPERATORS: Readonly<Record<NumericOperator | StringOperator, string>> = {
  '=': '=',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  LIKE: 'LIKE',
  ILIKE: 'ILIKE',
};

/** The only attribute MLflow lets `IN (...)` / `NOT IN (...)` compare against. */
export const LIST_ATTRIBUTE = 'run_id';

/** Words with a meaning in the grammar, matched case-insensitively. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'ILIKE',
  'IS',
  'NULL',
  'ASC',
  'DESC',
]);

export function isAttribute(key: string): key is RunAttribute {
  return (RUN_ATTRIBUTES as readonly string[]).includes(key);
}

export function isNumericAttribute(key: RunAttribute): key is NumericAttribute {
  return (NUMERIC_ATTRIBUTES as readonly string[]).includes(key);
}

export function isNumericOperator(op: FilterOperator): op is NumericOperator {
  return (NUMERIC_OPERATORS as readonly string[]).includes(op);
}

export function isStringOperator(op: FilterOperator): op is StringOperator {
  return (STRING_OPERATORS as readonly string[]).includes(op);
}

export function isListOperator(op: FilterOperator): op is ListOperator {
  return (LIST_OPERATORS as readonly string[]).includes(op);
}
