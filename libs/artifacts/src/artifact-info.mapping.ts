import { formatArtifactUri } from './artifact-uri';
import type { ArtifactEntry, ArtifactInfo } from './artifact.types';
import type { ObjectMeta } from './object-store.protocol';
import { isSha256Hex, sha256HexOfNatsDigest } from './sha256-digest';

/** Keys of the object metadata written by `ArtifactStore.put`. */
export const ArtifactMetadataKeys = {
  /** Lower-case hex sha256 of the bytes (the object's own `digest` is base64url). */
  SHA256: 'sha256',
  CONTENT_TYPE: 'content-type',
} as const;

/**
 * The sha256 of a stored object: the hex one `put` recorded, else the object's own SHA-256
 * digest (an object written by another client, such as `nats object put`).
 */
export function sha256Of(meta: Pick<ObjectMeta, 'metadata' | 'digest'>): string {
  const recorded = meta.metadata?.[ArtifactMetadataKeys.SHA256];
  return isSha256Hex(recorded) ? recorded : (sha256HexOfNatsDigest(meta.digest) ?? '');
}

/** The list entry of an object whose name is `<runPrefix><path>`. */
export function toArtifactEntry(meta: ObjectMeta, path: string): ArtifactEntry {
  const contentType = meta.metadata?.[ArtifactMetadataKeys.CONTENT_TYPE];
  return {
    path,
    size: meta.size,
    sha256: sha256Of(meta),
    modified: Date.parse(meta.mtime),
    ...(contentType ? { contentType } : {}),
  };
}

/** The full info of a run's artifact. */
export function toArtifactInfo(meta: ObjectMeta, runId: string, path: string): ArtifactInfo {
  return { uri: formatArtifactUri(runId, path), runId, ...toArtifactEntry(meta, path) };
}
