import {
  experimentIdSchema,
  metricValueWireSchema,
  runIdSchema,
  trackingKeySchema,
} from '@slipway/contracts';
import { z } from 'zod';

/**
 * Field schemas of MLflow requests. MLflow clients send int64 fields as JSON numbers or, in some
 * versions (protobuf's JSON mapping), as strings (`"timestamp": "1700000000000"`); ids are strings
 * but a hand-written call may send `"experiment_id": 1`; GET requests carry everything as strings.
 * Unknown fields are ignored, as MLflow's server does.
 */

const missing = (name: string) => `Missing value for required parameter '${name}'.`;

/** An int64 field: a number or a decimal string. */
export const int64 = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+$/, 'must be an integer')
      .transform(Number),
  ])
  .pipe(z.int());

/** An id field (`experiment_id`): a string, or a number turned into one. */
export const idString = z.union([z.string(), z.int().transform(String)]).pipe(z.string().min(1));

/** An experiment id, as {@link idString}, checked by tracking's rule so a bad one names `experiment_id`. */
export const experimentIdRef = idString.pipe(experimentIdSchema);

/** A bool field: JSON `true`/`false`, or `"true"`/`"false"` from a query string. */
export const bool = z.union([
  z.boolean(),
  z.enum(['true', 'false', 'True', 'False']).transform((s) => s.toLowerCase() === 'true'),
]);

/** A repeated field of a GET request: one value or several (`?run_ids=a&run_ids=b`). */
export const repeated = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), item.transform((v) => [v])]).pipe(z.array(z.any())) as unknown as z.ZodType<
    z.output<T>[],
    z.input<T> | z.input<T>[]
  >;

/** A required field, with MLflow's message when it is absent. */
export const required = <T extends z.ZodType>(name: string, schema: T) =>
  z
    .any()
    .superRefine((v, ctx) => {
      if (v === undefined || v === null) ctx.addIssue({ code: 'custom', message: missing(name) });
    })
    .pipe(schema) as unknown as T;

/** A metric value: a number, `"NaN"`, `"Infinity"`, `"-Infinity"`, or a number in a string. */
export const metricValue = z.union([
  metricValueWireSchema,
  z
    .string()
    .regex(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, "must be a number, 'NaN', 'Infinity' or '-Infinity'")
    .transform(Number),
]);

/** `{key, value}` of a tag or param. */
export const keyValue = z.object({ key: trackingKeySchema, value: z.string() });

/** MLflow's `run_id`, or the deprecated `run_uuid` that older clients send beside or instead of it. */
export const runRef = {
  run_id: runIdSchema.optional(),
  run_uuid: runIdSchema.optional(),
};

/** The run id of an input that has {@link runRef}'s fields, refined so one of them is present. */
export const withRunId = <S extends z.ZodObject<typeof runRef & z.ZodRawShape>>(schema: S) =>
  schema
    .refine((v: { run_id?: string; run_uuid?: string }) => (v.run_id ?? v.run_uuid) !== undefined, {
      message: missing('run_id'),
      path: ['run_id'],
    })
    .transform((v) => ({ ...v, runId: (v.run_id ?? v.run_uuid) as string }));

/** `view_type` / `run_view_type`. */
export const viewType = z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']);

/** MLflow's stage names, any case (`staging` is `Staging`, as MLflow's canonical stage). */
export const stage = z
  .string()
  .transform((s) => s.toLowerCase())
  .pipe(z.enum(['none', 'staging', 'production', 'archived']))
  .transform(
    (s) => (s.charAt(0).toUpperCase() + s.slice(1)) as 'None' | 'Staging' | 'Production' | 'Archived',
  );

/** A model version number as MLflow sends it (a string, or a number). */
export const versionNumber = z
  .union([z.int(), z.string().regex(/^\d+$/, 'must be a version number').transform(Number)])
  .pipe(z.int().min(1));

/** `max_results` within MLflow's limit for the endpoint. */
export const maxResults = (limit: number) =>
  int64.pipe(z.int().min(1, 'must be at least 1').max(limit, `must be at most ${limit}`));
