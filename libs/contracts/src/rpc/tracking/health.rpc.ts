import { defineRpc } from '../../core/rpc-definition';
import { healthDescription, healthReplySchema, healthRequestSchema } from '../shared/health';

/** `slipway.rpc.tracking.health`: the tracking service's health. */
export const TrackingHealth = defineRpc({
  name: 'TrackingHealth',
  service: 'tracking',
  method: 'health',
  request: healthRequestSchema,
  response: healthReplySchema,
  description: healthDescription('tracking'),
});
