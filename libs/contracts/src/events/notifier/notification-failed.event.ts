import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { notificationFields } from './notification-fields';

/** A notification attempt failed. */
export const notificationFailedSchema = z.object({
  ...notificationFields,
  /** What the target or the transport said. */
  error: z.string().max(8000),
  /** Whether the notifier will try again. */
  willRetry: z.boolean(),
});
export type NotificationFailedData = z.infer<typeof notificationFailedSchema>;

export const NotificationFailed = defineEvent({
  name: 'NotificationFailed',
  type: 'dev.slipway.notifier.notification.failed.v1',
  subject: 'evt.notifier.notification.failed',
  stream: 'events',
  schema: notificationFailedSchema,
  description: 'A notification could not be delivered.',
});
