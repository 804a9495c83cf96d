import { type JetStreamClient, type JetStreamManager, JsHeaders } from '@nats-io/jetstream';
import { headers, nuid } from '@nats-io/transport-node';
import type { ByteMeter } from './chunked-source';
import { type ObjectMeta, natsDigestOf, objectStoreLayout } from './object-store.protocol';

/** Chunk publishes awaiting their ack at once: enough to hide the round trip, few enough to bound memory. */
const PUBLISHES_IN_FLIGHT = 4;

/** Where and how {@link writeObject} stores one object. */
export interface ObjectTarget {
  bucket: string;
  name: string;
  /** The object's metadata, made once every byte is stored (so it may hold their hash). */
  metadata: (written: { size: number; sha256: Buffer }) => Record<string, string>;
  /** The chunk size of `chunks`, recorded in the meta for readers. */
  chunkBytes: number;
  timeoutMs: number;
  /** The version being replaced: its chunks are dropped once the new meta is stored. */
  previous: ObjectMeta | null;
}

/**
 * Writes one object version per ADR-20: every chunk on a fresh `$O.<b>.C.<nuid>`, then the meta
 * (size, chunk count, SHA-256 digest, metadata) rolled up over the previous one, then the
 * previous version's chunks are purged. Readers see the old version until the meta lands, and
 * the new one after. If anything fails (a publish, the source, the byte limit in `meter`), the
 * chunks written so far are purged and the error is rethrown; the old version stays.
 */
export async function writeObject(
  js: JetStreamClient,
  jsm: JetStreamManager,
  target: ObjectTarget,
  chunks: AsyncIterable<Uint8Array>,
  meter: ByteMeter,
): Promise<ObjectMeta> {
  const id = nuid.next();
  const chunkSubject = objectStoreLayout.chunkSubject(target.bucket, id);
  const inFlight: Promise<unknown>[] = [];
  let count = 0;
  try {
    for await (const chunk of chunks) {
      const ack = js.publish(chunkSubject, chunk, { timeout: target.timeoutMs });
      // Marks the rejection handled until it is awaited below, so Node never reports it as unhandled.
      ack.catch(() => undefined);
      inFlight.push(ack);
      count++;
      if (inFlight.length >= PUBLISHES_IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight.splice(0));
    const meta: ObjectMeta = {
      name: target.name,
      description: '',
      options: { max_chunk_size: target.chunkBytes },
      metadata: target.metadata({ size: meter.size, sha256: meter.digest() }),
      bucket: target.bucket,
      nuid: id,
      size: meter.size,
      chunks: count,
      digest: natsDigestOf(meter.digest()),
      mtime: new Date().toISOString(),
      deleted: false,
    };
    await publishMeta(js, meta, target.timeoutMs);
    if (target.previous && !target.previous.deleted)
      await purgeChunks(jsm, target.bucket, target.previous.nuid).catch(() => undefined);
    return meta;
  } catch (err) {
    await Promise.allSettled(inFlight);
    await purgeChunks(jsm, target.bucket, id).catch(() => undefined);
    throw err;
  }
}

/** Marks an object deleted (a tombstone meta, as every client writes it) and purges its chunks. */
export async function deleteObject(
  js: JetStreamClient,
  jsm: JetStreamManager,
  bucket: string,
  meta: ObjectMeta,
  timeoutMs: number,
): Promise<void> {
  const tombstone = {
    ...meta,
    bucket,
    deleted: true,
    size: 0,
    chunks: 0,
    digest: '',
    mtime: new Date().toISOString(),
  };
  await publishMeta(js, tombstone, timeoutMs);
  await purgeChunks(jsm, bucket, meta.nuid);
}

async function publishMeta(js: JetStreamClient, meta: ObjectMeta, timeoutMs: number): Promise<void> {
  const h = headers();
  h.set(JsHeaders.RollupHdr, JsHeaders.RollupValueSubject);
  await js.publish(objectStoreLayout.metaSubject(meta.bucket, meta.name), JSON.stringify(meta), {
    headers: h,
    timeout: timeoutMs,
  });
}

function purgeChunks(jsm: JetStreamManager, bucket: string, id: string) {
  return jsm.streams.purge(objectStoreLayout.stream(bucket), {
    filter: objectStoreLayout.chunkSubject(bucket, id),
  });
}
