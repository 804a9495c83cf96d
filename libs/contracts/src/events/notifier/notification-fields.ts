import { z } from 'zod';
import { eventIdSchema } from '../shared';

/** Where a notification goes. */
export const notificationChannelSchema = z.enum(['slack', 'webhook', 'email']);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/** The fields every notification outcome shares. */
export const notificationFields = {
  channel: notificationChannelSchema,
  /** Slack channel id, webhook URL or e-mail address. */
  target: z.string().min(1).max(2048),
  /** The CloudEvent that was notified about. */
  eventId: eventIdSchema,
  /** Its CloudEvents type. */
  eventType: z.string().min(1).max(256),
  attempt: z.int().min(1),
};
