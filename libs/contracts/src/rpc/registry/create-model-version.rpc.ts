import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { modelNameSchema, runIdSchema, uriSchema } from '../../events/shared/ids';
import { flavorSchema, modelSignatureSchema } from '../../events/registry/model-signature';
import { tagListSchema, trackingKeySchema } from '../../events/shared/key-value';
import { metricValueSchema } from '../../events/shared/metric-value';
import { actorSchema } from '../../events/shared/actor';
import { registryCommandReplySchema } from './registry-views';

/** `slipway.rpc.registry.model-version.create`: create the next version of a model from a run's artifacts, with the run's metrics snapshot. */
export const CreateModelVersion = defineRpc({
  name: 'CreateModelVersion',
  service: 'registry',
  method: 'model-version.create',
  request: z.object({
    model: modelNameSchema,
    /** e.g. `runs:/<runId>/model`. */
    source: uriSchema,
    runId: runIdSchema.nullable().default(null),
    flavor: flavorSchema,
    signature: modelSignatureSchema.nullable().default(null),
    /** The run's metrics; fetched from tracking by the caller for now. */
    metrics: z.record(trackingKeySchema, metricValueSchema).default({}),
    tags: tagListSchema.default([]),
    actor: actorSchema,
  }),
  response: registryCommandReplySchema,
  description: "Create the next version of a model from a run's artifacts, with the run's metrics snapshot.",
});
