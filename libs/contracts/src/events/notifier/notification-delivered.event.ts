import { z } from 'zod';
import { defineEvent } from '../../core/event-definition';
import { notificationFields } from './notification-fields';

/** A notification reached its target. */
export const notificationDeliveredSchema = z.object({ ...notificationFields });
export type NotificationDeliveredData = z.infer<typeof notificationDeliveredSchema>;

export const NotificationDelivered = defineEvent({
  name: 'NotificationDelivered',
  type: 'dev.slipway.notifier.notification.delivered.v1',
  subject: 'evt.notifier.notification.delivered',
  stream: 'events',
  schema: notificationDeliveredSchema,
  description: 'A notification was delivered to Slack, a webhook or an e-mail address.',
});
