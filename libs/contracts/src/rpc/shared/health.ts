import { z } from 'zod';

/** The services that answer request/reply. */
export const SERVICE_NAMES = ['tracking', 'registry', 'pipeline', 'serving', 'notifier', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** A health request carries nothing. */
export const healthRequestSchema = z.object({});
export type HealthRequest = z.infer<typeof healthRequestSchema>;

/** The state of one dependency (`postgres`, `clickhouse`, `nats`). */
export const healthCheckSchema = z.object({
  status: z.enum(['up', 'down']),
  /** Why it is down. */
  error: z.string().max(2000).optional(),
});
export type HealthCheck = z.infer<typeof healthCheckSchema>;

/** How a service is: `degraded` when any check is down. */
export const healthReplySchema = z.object({
  service: z.enum(SERVICE_NAMES),
  status: z.enum(['ok', 'degraded']),
  checks: z.record(z.string().min(1).max(64), healthCheckSchema),
  uptimeSeconds: z.number().min(0),
});
export type HealthReply = z.infer<typeof healthReplySchema>;

/** The description every `<Service>Health` RPC shares. */
export function healthDescription(service: ServiceName): string {
  return `Is ${service} up, and are its dependencies reachable?`;
}
