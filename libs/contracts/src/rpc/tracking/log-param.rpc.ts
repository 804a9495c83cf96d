import { z } from 'zod';
import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { paramSchema } from '../../events/shared/key-value';

/**
 * `slipway.rpc.tracking.run.logParam` (MLflow log-parameter): a param of an active run. The same
 * value again is accepted (`stored: false`); another value is `TRACKING.PARAM_CONFLICT`.
 */
export const LogParam = defineRpc({
  name: 'LogParam',
  service: 'tracking',
  method: 'run.logParam',
  request: z.object({ runId: runIdSchema, ...paramSchema.shape }),
  response: z.object({ stored: z.boolean() }),
  description: 'Log one param of a run (params are immutable).',
});
