import { z } from 'zod';

/** The CloudEvents `type` of every Slipway event: `dev.slipway.<service>.<name>.v<N>`. */
export const CLOUD_EVENT_TYPE_PATTERN = /^dev\.slipway\.[a-z0-9_.-]+\.v[0-9]+$/;

/** W3C trace context carried as the CloudEvents `traceparent` extension. */
export const traceparentSchema = z.string().regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);

/**
 * A CloudEvents 1.0 structured-mode JSON envelope. `data` is validated separately against
 * the event's own schema (see {@link EventDefinition}), so any producer's envelope can be
 * checked before its payload is understood.
 */
export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(256),
  source: z.string().min(1).max(1024),
  type: z.string().min(1).max(256),
  time: z.iso.datetime({ offset: true }).optional(),
  subject: z.string().max(1024).optional(),
  datacontenttype: z.literal('application/json').optional(),
  dataschema: z.string().optional(),
  traceparent: traceparentSchema.optional(),
  tracestate: z.string().optional(),
  data: z.unknown(),
});

/** A CloudEvent whose `data` has the type `T`. */
export type CloudEvent<T = unknown> = Omit<z.infer<typeof cloudEventSchema>, 'data'> & { data: T };
