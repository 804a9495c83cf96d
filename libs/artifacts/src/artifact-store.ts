import { type JetStreamClient, jetstream } from '@nats-io/jetstream';
import { type ObjectInfo, type ObjectStore, Objm, StorageType, setSha256Backend } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { SlipwayError } from '@slipway/contracts';
import { ArtifactMetadataKeys, sha256Of, toArtifactEntry, toArtifactInfo } from './artifact-info.mapping';
import { assertArtifactPath, assertArtifactPrefix, assertArtifactRunId } from './artifact-path';
import { type ArtifactRef, formatArtifactUri, parseArtifactUri } from './artifact-uri';
import type {
  ArtifactDownload,
  ArtifactEntry,
  ArtifactInfo,
  ArtifactSource,
  PutArtifactOptions,
  ResolvedArtifact,
  StoredArtifact,
} from './artifact.types';
import {
  ArtifactCorruptError,
  ArtifactNotFoundError,
  ArtifactStorageError,
  ArtifactTooLargeError,
} from './artifacts.errors';
import { chunkStream } from './chunk-stream';
import { type MeteredResult, meteredStream } from './metered-source';
import { DEFAULT_ARTIFACTS_BUCKET, artifactObjectName, runObjectPrefix } from './object-names';

/** Options of {@link ArtifactStore.open}. */
export interface ArtifactStoreOptions {
  /** The object store bucket; default `slipway-artifacts`. Tests use one of their own. */
  bucket?: string;
  /** Replicas of the bucket's stream when it is created (a NATS cluster); default 1. */
  replicas?: number;
  /** Bytes per stored chunk (clamped by the server's max_payload); default 128 KiB. */
  chunkBytes?: number;
  /** Timeout of each JetStream request (a chunk publish, a fetch), ms; default 10 000. */
  timeoutMs?: number;
}

/**
 * Run artifacts in the NATS object store: one object per file, named `runs/<runId>/<path>`,
 * addressed by `runs:/<runId>/<path>` URIs. Uploads and downloads stream in chunks (nothing
 * holds a whole file), every object records its size and hex sha256, and uploads stop at a byte
 * limit. Works on nats-server 2.9 (no 2.10-only stream features are used).
 */
export class ArtifactStore {
  private constructor(
    private readonly js: JetStreamClient,
    private readonly os: ObjectStore,
    /** The bucket's name. */
    readonly bucket: string,
    private readonly chunkBytes: number,
    private readonly timeoutMs: number,
  ) {}

  /** Opens the bucket, creating it (file storage) when missing; safe to call from many replicas. */
  static async open(nc: NatsConnection, opts: ArtifactStoreOptions = {}): Promise<ArtifactStore> {
    const bucket = opts.bucket ?? DEFAULT_ARTIFACTS_BUCKET;
    const timeoutMs = opts.timeoutMs ?? 10_000;
    // Node has native sha256; the pure-JS default of nats.js would halve upload throughput.
    setSha256Backend('native');
    const js = jetstream(nc, { timeout: timeoutMs });
    const os = await storage('open', () =>
      new Objm(js).create(bucket, { storage: StorageType.File, replicas: opts.replicas ?? 1 }),
    );
    return new ArtifactStore(js, os, bucket, opts.chunkBytes ?? 128 * 1024, timeoutMs);
  }

  /**
   * Streams `source` into `runs/<runId>/<path>`, replacing what was there once the new bytes are
   * all stored. Past `maxBytes` it stops reading, deletes the chunks written so far (an older
   * version stays as it was) and throws `ARTIFACTS.TOO_LARGE`. Chunks of `source` must not be
   * reused after they are yielded.
   */
  async put(runId: string, path: string, source: ArtifactSource, opts: PutArtifactOptions): Promise<StoredArtifact> {
    assertArtifactRunId(runId);
    assertArtifactPath(path);
    if (!Number.isSafeInteger(opts.maxBytes) || opts.maxBytes < 0)
      throw new RangeError(`maxBytes must be a non-negative integer, got ${opts.maxBytes}`);
    if (source instanceof Uint8Array && source.byteLength > opts.maxBytes)
      throw new ArtifactTooLargeError(path, opts.maxBytes);

    const name = artifactObjectName(runId, path);
    const metadata: Record<string, string> = opts.contentType ? { [ArtifactMetadataKeys.CONTENT_TYPE]: opts.contentType } : {};
    let metered: MeteredResult | undefined;
    const stream = meteredStream(source, { path, maxBytes: opts.maxBytes }, (result) => {
      metered = result;
      // nats.js serialises this same metadata object after the last chunk, so the hash lands in
      // the object's one meta message; the check below repairs it if a future nats.js copies it.
      metadata[ArtifactMetadataKeys.SHA256] = result.sha256;
    });
    const info = await storage('put', () =>
      this.os.put({ name, metadata, options: { max_chunk_size: this.chunkBytes } }, stream, { timeout: this.timeoutMs }),
    );
    if (!metered || info.size !== metered.size || sha256Of({ digest: info.digest }) !== metered.sha256) {
      await this.os.delete(name).catch(() => undefined);
      throw new ArtifactCorruptError(runId, path, 'the stored bytes differ from the source (was a chunk reused?)');
    }
    if (info.metadata?.[ArtifactMetadataKeys.SHA256] !== metered.sha256)
      await storage('put', () => this.os.update(name, { metadata, options: info.options }));
    return { uri: formatArtifactUri(runId, path), runId, path, size: metered.size, sha256: metered.sha256 };
  }

  /** The bytes of an artifact by URI or by run and path; the stream fails if they do not match the recorded size and sha256. */
  async get(uriOrRunId: string, path?: string): Promise<ArtifactDownload> {
    const ref = toRef(uriOrRunId, path);
    const { object, info } = await this.stat(ref);
    const stream = await storage('get', () =>
      chunkStream(this.js, { ...object, bucket: this.bucket, sha256: info.sha256, runId: ref.runId, path: ref.path }, this.timeoutMs),
    );
    return { info, stream };
  }

  /** Size, sha256, time and URI of an artifact, or `ARTIFACTS.NOT_FOUND`. */
  async info(uriOrRunId: string, path?: string): Promise<ArtifactInfo> {
    return (await this.stat(toRef(uriOrRunId, path))).info;
  }

  /**
   * The files of a run whose path starts with `prefix` (`model/` for a folder), sorted by path.
   * Folders are the `/`-separated prefixes of these paths (see `childrenOf`).
   */
  async list(runId: string, prefix = ''): Promise<ArtifactEntry[]> {
    assertArtifactRunId(runId);
    assertArtifactPrefix(prefix);
    const runPrefix = runObjectPrefix(runId);
    const objects = await storage('list', () => this.os.list());
    return objects
      .filter((o) => !o.deleted && o.name.startsWith(runPrefix + prefix))
      .map((o) => toArtifactEntry(o, o.name.slice(runPrefix.length)))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Deletes one artifact; true when there was one. */
  async delete(runId: string, path: string): Promise<boolean> {
    assertArtifactRunId(runId);
    assertArtifactPath(path);
    const name = artifactObjectName(runId, path);
    const existing = await storage('delete', () => this.os.info(name));
    if (!existing || existing.deleted) return false;
    await storage('delete', () => this.os.delete(name));
    return true;
  }

  /**
   * What a `runs:/` URI names: the file at that path, else the folder of files under `<path>/`
   * (an MLflow model), else `ARTIFACTS.NOT_FOUND`. The registry and serving call this.
   */
  async resolve(uri: string): Promise<ResolvedArtifact> {
    const { runId, path } = parseArtifactUri(uri);
    const file = await storage('resolve', () => this.os.info(artifactObjectName(runId, path)));
    if (file && !file.deleted) return { kind: 'file', uri, runId, path, info: toArtifactInfo(file, runId, path) };
    const files = await this.list(runId, `${path}/`);
    if (files.length === 0) throw new ArtifactNotFoundError(runId, path);
    return { kind: 'directory', uri, runId, path, files };
  }

  private async stat(ref: ArtifactRef): Promise<{ object: ObjectInfo; info: ArtifactInfo }> {
    const object = await storage('info', () => this.os.info(artifactObjectName(ref.runId, ref.path)));
    if (!object || object.deleted) throw new ArtifactNotFoundError(ref.runId, ref.path);
    return { object, info: toArtifactInfo(object, ref.runId, ref.path) };
  }
}

function toRef(uriOrRunId: string, path: string | undefined): ArtifactRef {
  if (path === undefined) return parseArtifactUri(uriOrRunId);
  return { runId: assertArtifactRunId(uriOrRunId), path: assertArtifactPath(path) };
}

/** Runs an object store call; a Slipway error passes, anything else becomes `ARTIFACTS.STORAGE_FAILED`. */
async function storage<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof SlipwayError) throw err;
    throw new ArtifactStorageError(operation, err);
  }
}
