/** Bytes to store: a web stream, any async iterable of chunks (a Node `Readable`, a generator), or one buffer. */
export type ArtifactSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Uint8Array;

/** Options of `ArtifactStore.put`. */
export interface PutArtifactOptions {
  /** The upload fails with `ARTIFACTS.TOO_LARGE` as soon as it passes this many bytes. */
  maxBytes: number;
  /** The media type, kept in the object's metadata (`text/csv`, `application/octet-stream`). */
  contentType?: string;
}

/** What `put` stored. */
export interface StoredArtifact {
  /** `runs:/<runId>/<path>` */
  uri: string;
  runId: string;
  path: string;
  /** Bytes stored. */
  size: number;
  /** Lower-case hex sha256 of the bytes, computed while they streamed. */
  sha256: string;
}

/** One stored file of a run, as `list` returns it. */
export interface ArtifactEntry {
  /** Relative to the run (`model/MLmodel`). */
  path: string;
  size: number;
  /** Lower-case hex sha256. */
  sha256: string;
  /** When it was last written, ms since the epoch. */
  modified: number;
  contentType?: string;
}

/** One stored file with where it lives. */
export interface ArtifactInfo extends ArtifactEntry {
  /** `runs:/<runId>/<path>` */
  uri: string;
  runId: string;
}

/** An artifact being read: what it is, and its bytes (size and sha256 are checked at the end). */
export interface ArtifactDownload {
  info: ArtifactInfo;
  stream: ReadableStream<Uint8Array>;
}

/**
 * What a `runs:/` URI points at: one file, or a directory (every file under `<path>/`), the way
 * an MLflow model URI (`runs:/<runId>/model`) names the folder holding `MLmodel` and its files.
 */
export type ResolvedArtifact =
  | { kind: 'file'; uri: string; runId: string; path: string; info: ArtifactInfo }
  | { kind: 'directory'; uri: string; runId: string; path: string; files: ArtifactEntry[] };
