import { defineRpc } from '../../core/rpc-definition';
import { healthDescription, healthReplySchema, healthRequestSchema } from '../shared/health';

/** `slipway.rpc.notifier.health`: the notifier service's health. */
export const NotifierHealth = defineRpc({
  name: 'NotifierHealth',
  service: 'notifier',
  method: 'health',
  request: healthRequestSchema,
  response: healthReplySchema,
  description: healthDescription('notifier'),
});
