import { z } from 'zod';

/** MLflow's limits, kept so that anything logged here can be read back through the MLflow API. */
export const TRACKING_LIMITS = {
  /** Longest metric, param or tag key. */
  keyMaxLength: 250,
  /** Longest param value. */
  paramValueMaxLength: 6000,
  /** Longest tag value. */
  tagValueMaxLength: 8000,
  /** Most params in one `ParamsLogged` event. */
  paramsPerEvent: 100,
  /** Most tags in one `TagsSet` or `RunStarted` event. */
  tagsPerEvent: 100,
  /** Most metric points in one `MetricsLogged` event. */
  metricsPerEvent: 1000,
  /** Most metric points in one `MetricsBatchLogged` event, all runs together (~0.5 MB of JSON). */
  pointsPerMetricsBatch: 5000,
} as const;

const KEY_CHARACTERS = /^[A-Za-z0-9_\-. /]+$/;

/** MLflow refuses keys that are not normalized paths (`a/../b`, `/a`, `a//b`, `a/`, `.`). */
function isNormalizedPath(key: string): boolean {
  return key.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/**
 * A metric, param or tag key, by MLflow's rule: alphanumerics, underscores, dashes, periods,
 * spaces and slashes, at most 250 characters, and a normalized path (no `..`, no leading `/`).
 */
export const trackingKeySchema = z
  .string()
  .min(1)
  .max(TRACKING_LIMITS.keyMaxLength)
  .regex(KEY_CHARACTERS, 'may only contain alphanumerics, underscores, dashes, periods, spaces and slashes')
  .refine(isNormalizedPath, {
    message: "must be a normalized path (no '..', '.', empty or leading '/' segments)",
  })
  .describe('Key: alphanumerics, _ - . space /, at most 250 characters');

/** One run parameter. */
export const paramSchema = z.object({
  key: trackingKeySchema,
  /** At most 6000 characters. */
  value: z.string().max(TRACKING_LIMITS.paramValueMaxLength).describe('Param value, at most 6000 characters'),
});
export type Param = z.infer<typeof paramSchema>;

/** One tag of a run, experiment or model. */
export const tagSchema = z.object({
  key: trackingKeySchema,
  /** At most 8000 characters. */
  value: z.string().max(TRACKING_LIMITS.tagValueMaxLength).describe('Tag value, at most 8000 characters'),
});
export type Tag = z.infer<typeof tagSchema>;

/** Up to 100 tags. */
export const tagListSchema = z.array(tagSchema).max(TRACKING_LIMITS.tagsPerEvent);

/** A JSON value: what parameters, outputs and free-form details carry. */
export const jsonValueSchema = z.json();

/** Free-form string-keyed JSON values (task inputs and outputs, pipeline parameters). */
export const jsonObjectSchema = z.record(z.string().max(256), jsonValueSchema);
