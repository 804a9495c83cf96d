import { defineRpc } from '../../core/rpc-definition';
import { healthDescription, healthReplySchema, healthRequestSchema } from '../shared/health';

/** `slipway.rpc.pipeline.health`: the pipeline service's health. */
export const PipelineHealth = defineRpc({
  name: 'PipelineHealth',
  service: 'pipeline',
  method: 'health',
  request: healthRequestSchema,
  response: healthReplySchema,
  description: healthDescription('pipeline'),
});
