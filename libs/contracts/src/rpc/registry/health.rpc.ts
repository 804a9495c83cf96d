import { defineRpc } from '../../core/rpc-definition';
import { healthDescription, healthReplySchema, healthRequestSchema } from '../shared/health';

/** `slipway.rpc.registry.health`: the registry service's health. */
export const RegistryHealth = defineRpc({
  name: 'RegistryHealth',
  service: 'registry',
  method: 'health',
  request: healthRequestSchema,
  response: healthReplySchema,
  description: healthDescription('registry'),
});
