import { defineRpc } from '../../core/rpc-definition';
import { healthDescription, healthReplySchema, healthRequestSchema } from '../shared/health';

/** `slipway.rpc.serving.health`: the serving service's health. */
export const ServingHealth = defineRpc({
  name: 'ServingHealth',
  service: 'serving',
  method: 'health',
  request: healthRequestSchema,
  response: healthReplySchema,
  description: healthDescription('serving'),
});
