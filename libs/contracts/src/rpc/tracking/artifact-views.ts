import { runIdSchema } from '../../events/shared/ids';
import { z } from 'zod';

/** Lower-case hex sha256 of an artifact's bytes. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

/** An artifact path relative to its run (`model/MLmodel`); the full rules are checked by the service. */
export const artifactPathSchema = z.string().min(1).max(1024).describe('Artifact path relative to the run');

/** One file of a run, as the artifact RPCs return it. */
export const artifactInfoViewSchema = z.object({
  /** `runs:/<runId>/<path>`, what the registry and serving resolve. */
  uri: z.string(),
  runId: runIdSchema,
  path: z.string(),
  /** bytes */
  size: z.number().int().min(0),
  sha256: sha256HexSchema,
  /** ms since the epoch */
  modified: z.number().int(),
  contentType: z.string().optional(),
});
export type ArtifactInfoView = z.infer<typeof artifactInfoViewSchema>;

/** One entry of a listing, MLflow's `FileInfo`: a file (with size, sha256, time) or a folder. */
export const artifactFileViewSchema = z.object({
  /** Full path relative to the run (`model/data`), also for entries of a sub-folder. */
  path: z.string(),
  isDir: z.boolean(),
  /** bytes; files only */
  size: z.number().int().min(0).optional(),
  sha256: sha256HexSchema.optional(),
  /** ms since the epoch; files only */
  modified: z.number().int().optional(),
  contentType: z.string().optional(),
});
export type ArtifactFileView = z.infer<typeof artifactFileViewSchema>;
