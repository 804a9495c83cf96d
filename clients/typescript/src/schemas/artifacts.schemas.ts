import { z } from 'zod';

/** A stored artifact file: its `runs:/` URI, size and sha256. */
export const storedArtifactSchema = z.looseObject({
  uri: z.string(),
  runId: z.string(),
  path: z.string(),
  size: z.number(),
  sha256: z.string(),
});
/** A stored artifact file. */
export type StoredArtifact = z.infer<typeof storedArtifactSchema>;

/** One entry of a run's artifact listing: a file or a folder. */
export const artifactEntrySchema = z.looseObject({
  path: z.string(),
  isDir: z.boolean(),
  size: z.number().optional(),
  sha256: z.string().optional(),
  modified: z.number().optional(),
});
/** One entry of an artifact listing. */
export type ArtifactEntry = z.infer<typeof artifactEntrySchema>;

/** A run's artifact listing. */
export const artifactListSchema = z.object({
  runId: z.string(),
  path: z.string(),
  files: z.array(artifactEntrySchema),
});
/** A run's artifact listing. */
export type ArtifactList = z.infer<typeof artifactListSchema>;
