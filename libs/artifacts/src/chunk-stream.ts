import { createHash } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { ArtifactCorruptError } from './artifacts.errors';
import { objectStoreLayout } from './object-store.protocol';

/** The stored version of one object that a {@link chunkStream} reads. */
export interface StoredObject {
  bucket: string;
  nuid: string;
  size: number;
  chunks: number;
  /** The chunk size it was written with (from its meta), to size each fetch. */
  chunkBytes: number;
  /** Lower-case hex sha256 the bytes must have. */
  sha256: string;
  /** For error messages. */
  runId: string;
  path: string;
}

/** Bytes fetched per pull (at least one chunk): what is held ahead of the reader. */
const BYTES_PER_FETCH = 4 * 1024 * 1024;

/**
 * The bytes of one object, read from its chunk subject by an ordered pull consumer. Unlike
 * `ObjectStore.get` of nats.js, which pushes every chunk into the stream as fast as the server
 * sends them, chunks are fetched only when the reader asks for more, so a slow reader (an HTTP
 * client on a slow link) never makes the process hold the whole object. The stream fails with an
 * {@link ArtifactCorruptError} when the size or sha256 differ from the recorded ones, or when
 * the object was replaced or deleted while it was read. A stream that is neither read to the end
 * nor cancelled leaves its consumer for the server to remove after 5 minutes of inactivity.
 */
export async function chunkStream(
  js: JetStreamClient,
  object: StoredObject,
  timeoutMs: number,
): Promise<ReadableStream<Uint8Array>> {
  const corrupt = (reason: string) => new ArtifactCorruptError(object.runId, object.path, reason);
  if (object.size === 0) return emptyStream(object, corrupt);
  const consumer = await js.consumers.get(objectStoreLayout.stream(object.bucket), {
    filter_subjects: objectStoreLayout.chunkSubject(object.bucket, object.nuid),
  });
  const release = () => void consumer.delete().catch(() => undefined);
  const pending = (await consumer.info(true)).num_pending;
  if (pending !== object.chunks) {
    release();
    throw corrupt(
      `${pending} of its ${object.chunks} chunks are stored (replaced or deleted meanwhile? read it again)`,
    );
  }
  const hash = createHash('sha256');
  let remaining = object.chunks;
  const perFetch = Math.max(1, Math.floor(BYTES_PER_FETCH / object.chunkBytes));
  let received = 0;
  /** Why the bytes read are not the object, once no more will come. */
  const problem = (): string | undefined => {
    if (remaining > 0)
      return `no chunk arrived after ${received} bytes (replaced or deleted meanwhile? read it again)`;
    if (received !== object.size) return `read ${received} bytes, ${object.size} were stored`;
    const sha256 = hash.digest('hex');
    return sha256 === object.sha256 ? undefined : `sha256 is ${sha256}, ${object.sha256} was stored`;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let got = 0;
        try {
          const batch = await consumer.fetch({
            max_messages: Math.min(perFetch, remaining),
            expires: Math.max(timeoutMs, 1_000),
          });
          for await (const msg of batch) {
            got++;
            remaining--;
            received += msg.data.length;
            hash.update(msg.data);
            controller.enqueue(msg.data);
          }
        } catch (err) {
          release();
          throw err;
        }
        if (remaining > 0 && got > 0) return;
        release();
        const reason = problem();
        if (reason) controller.error(corrupt(reason));
        else controller.close();
      },
      cancel: release,
    },
    { highWaterMark: 0 },
  );
}

function emptyStream(
  object: StoredObject,
  corrupt: (reason: string) => ArtifactCorruptError,
): ReadableStream<Uint8Array> {
  const sha256 = createHash('sha256').digest('hex');
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (object.sha256 !== sha256)
        controller.error(corrupt(`sha256 is ${sha256}, ${object.sha256} was stored`));
      else controller.close();
    },
  });
}
