import type { ObjectInfo } from '@nats-io/obj';
import { formatArtifactUri } from './artifact-uri';
import type { ArtifactEntry, ArtifactInfo } from './artifact.types';
import { isSha256Hex, sha256HexOfNatsDigest } from './sha256-digest';

/** Keys of the object metadata written by `ArtifactStore.put`. */
export const ArtifactMetadataKeys = {
  /** Lower-case hex sha256 of the bytes (the object store's own digest is base64url). */
  SHA256: 'sha256',
  CONTENT_TYPE: 'content-type',
} as const;

/**
 * The sha256 of a stored object: the hex one `put` recorded, else the object store's own
 * SHA-256 digest (an object written by another client, such as the `nats` CLI).
 */
export function sha256Of(info: Pick<ObjectInfo, 'metadata' | 'digest'>): string {
  const recorded = info.metadata?.[ArtifactMetadataKeys.SHA256];
  return isSha256Hex(recorded) ? recorded : (sha256HexOfNatsDigest(info.digest) ?? '');
}

/** The list entry of an object whose name is `<runPrefix><path>`. */
export function toArtifactEntry(info: ObjectInfo, path: string): ArtifactEntry {
  const contentType = info.metadata?.[ArtifactMetadataKeys.CONTENT_TYPE];
  return {
    path,
    size: info.size,
    sha256: sha256Of(info),
    modified: Date.parse(info.mtime),
    ...(contentType ? { contentType } : {}),
  };
}

/** The full info of a run's artifact. */
export function toArtifactInfo(info: ObjectInfo, runId: string, path: string): ArtifactInfo {
  return { uri: formatArtifactUri(runId, path), runId, ...toArtifactEntry(info, path) };
}
