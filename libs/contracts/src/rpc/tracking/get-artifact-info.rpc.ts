import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { z } from 'zod';
import { artifactInfoViewSchema, artifactPathSchema } from './artifact-views';

/**
 * `slipway.rpc.tracking.artifacts.info`: size, sha256, time and URI of one artifact file;
 * `ARTIFACTS.NOT_FOUND` when there is none.
 */
export const GetArtifactInfo = defineRpc({
  name: 'GetArtifactInfo',
  service: 'tracking',
  method: 'artifacts.info',
  request: z.object({ runId: runIdSchema, path: artifactPathSchema }),
  response: artifactInfoViewSchema,
  description: 'Get the size, sha256, modification time and runs:/ URI of one artifact file.',
});
