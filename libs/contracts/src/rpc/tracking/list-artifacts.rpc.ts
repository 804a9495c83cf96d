import { defineRpc } from '../../core/rpc-definition';
import { runIdSchema } from '../../events/shared/ids';
import { z } from 'zod';
import { artifactFileViewSchema } from './artifact-views';

/**
 * `slipway.rpc.tracking.artifacts.list`: the files and folders of a run's artifact folder
 * (MLflow's `list_artifacts`), or every file under it with `recursive`.
 */
export const ListArtifacts = defineRpc({
  name: 'ListArtifacts',
  service: 'tracking',
  method: 'artifacts.list',
  request: z.object({
    runId: runIdSchema,
    /** The folder to list, relative to the run; '' (the default) is the run's root. */
    path: z.string().max(1024).default(''),
    /** Every file below `path` instead of its direct children. */
    recursive: z.boolean().default(false),
  }),
  response: z.object({
    runId: runIdSchema,
    /** The folder listed, without a trailing `/`. */
    path: z.string(),
    /** Sorted by path. */
    files: z.array(artifactFileViewSchema),
  }),
  description: "List the files and folders of a run's artifacts, at the root or in a folder.",
});
