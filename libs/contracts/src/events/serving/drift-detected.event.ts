import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { isoTimestampSchema, modelNameSchema, modelVersionSchema } from '../shared';

/** A feature's live distribution moved away from its training distribution past a threshold. */
export const driftDetectedSchema = z.object({
  model: modelNameSchema,
  version: modelVersionSchema,
  feature: z.string().min(1).max(256),
  /** The test used: `psi`, `ks`, `chi2`, `jensen_shannon`, … */
  statistic: z.string().regex(/^[a-z0-9_]{1,64}$/, 'must be lower-case letters, digits or _'),
  value: z.number(),
  threshold: z.number(),
  /** The window of predictions compared. */
  windowStart: isoTimestampSchema,
  windowEnd: isoTimestampSchema,
  sampleSize: z.int().min(0),
});
export type DriftDetectedData = z.infer<typeof driftDetectedSchema>;

export const DriftDetected = defineEvent({
  name: 'DriftDetected',
  type: 'dev.slipway.serving.drift.detected.v1',
  subject: 'evt.serving.drift.detected',
  stream: 'events',
  schema: driftDetectedSchema,
  description: 'Serving found a feature whose drift statistic passed its threshold.',
});
