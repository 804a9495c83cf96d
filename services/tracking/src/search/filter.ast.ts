import { z } from 'zod';
import {
  LIST_OPERATORS,
  NUMERIC_ATTRIBUTES,
  NUMERIC_OPERATORS,
  STRING_ATTRIBUTES,
  STRING_OPERATORS,
} from './search.vocabulary';

const key = z.string().min(1);
const numericOperator = z.enum(NUMERIC_OPERATORS);
const stringOperator = z.enum(STRING_OPERATORS);

/** `metrics.f1 > 0.9`: a metric's latest value against a finite number. */
export const metricClauseSchema = z.strictObject({
  entity: z.literal('metric'),
  key,
  op: numericOperator,
  value: z.number(),
});

/** `params.model = 'svc'`: params are strings, so the value is always a quoted string. */
export const paramClauseSchema = z.strictObject({
  entity: z.literal('param'),
  key,
  op: stringOperator,
  value: z.string(),
});

/** `tags."team" LIKE 'ml%'`: tags are strings, like params. */
export const tagClauseSchema = z.strictObject({
  entity: z.literal('tag'),
  key,
  op: stringOperator,
  value: z.string(),
});

/** `attributes.status = 'FINISHED'`: a string attribute of the run. */
export const stringAttributeClauseSchema = z.strictObject({
  entity: z.literal('attribute'),
  key: z.enum(STRING_ATTRIBUTES),
  op: stringOperator,
  value: z.string(),
});

/** `attributes.start_time >= 1664067852747`: a time attribute, in integer milliseconds since the epoch. */
export const numericAttributeClauseSchema = z.strictObject({
  entity: z.literal('attribute'),
  key: z.enum(NUMERIC_ATTRIBUTES),
  op: numericOperator,
  value: z.number().int(),
});

/** `attributes.run_id IN ('a', 'b')`: the one list comparison MLflow allows. */
export const runIdListClauseSchema = z.strictObject({
  entity: z.literal('attribute'),
  key: z.literal('run_id'),
  op: z.enum(LIST_OPERATORS),
  value: z.array(z.string()).min(1),
});

/** One comparison of a run filter; the filter matches runs satisfying every clause. */
export const filterClauseSchema = z.union([
  metricClauseSchema,
  paramClauseSchema,
  tagClauseSchema,
  stringAttributeClauseSchema,
  numericAttributeClauseSchema,
  runIdListClauseSchema,
]);

/** A parsed MLflow run filter: the conjunction of its clauses (no clauses: every run). */
export const filterAstSchema = z.strictObject({ clauses: z.array(filterClauseSchema) });

export type MetricClause = z.infer<typeof metricClauseSchema>;
export type ParamClause = z.infer<typeof paramClauseSchema>;
export type TagClause = z.infer<typeof tagClauseSchema>;
export type StringAttributeClause = z.infer<typeof stringAttributeClauseSchema>;
export type NumericAttributeClause = z.infer<typeof numericAttributeClauseSchema>;
export type RunIdListClause = z.infer<typeof runIdListClauseSchema>;
export type FilterClause = z.infer<typeof filterClauseSchema>;
export type FilterAst = z.infer<typeof filterAstSchema>;
