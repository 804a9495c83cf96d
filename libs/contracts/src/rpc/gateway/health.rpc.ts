import { defineRpc } from '../../core/rpc-definition';
import { healthDescription, healthReplySchema, healthRequestSchema } from '../shared/health';

/** `slipway.rpc.gateway.health`: the gateway service's health. */
export const GatewayHealth = defineRpc({
  name: 'GatewayHealth',
  service: 'gateway',
  method: 'health',
  request: healthRequestSchema,
  response: healthReplySchema,
  description: healthDescription('gateway'),
});
