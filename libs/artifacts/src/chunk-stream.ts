import { createHash } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { ArtifactCorruptError } from './artifacts.errors';
import { objectStoreLayout } from './object-names';

/** The stored version of one object that a {@link chunkStream} reads. */
export interface StoredObject {
  bucket: string;
  nuid: string;
  size: number;
  chunks: number;
  /** Lower-case hex sha256 the bytes must have. */
  sha256: string;
  /** For error messages. */
  runId: string;
  path: string;
}

/** Chunks fetched per pull: with 128 KiB chunks, at most 1 MiB is held ahead of the reader. */
const CHUNKS_PER_FETCH = 8;

/**
 * The bytes of one object, read from its chunk subject by an ordered pull consumer. Unlike
 * `ObjectStore.get` of nats.js, which pushes every chunk into the stream as fast as the server
 * sends them, chunks are fetched only when the reader asks for more, so a slow reader (an HTTP
 * client on a slow link) never makes the process hold the whole object. The stream fails with an
 * {@link ArtifactCorruptError} when the size or sha256 differ from the recorded ones, or when
 * the object was replaced or deleted while it was read.
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
    throw corrupt(`${pending} of its ${object.chunks} chunks are stored (replaced or deleted meanwhile? read it again)`);
  }
  const hash = createHash('sha256');
  let remaining = object.chunks;
  let received = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const batch = await consumer.fetch({ max_messages: Math.min(CHUNKS_PER_FETCH, remaining), expires: timeoutMs });
          let got = 0;
          for await (const msg of batch) {
            got++;
            remaining--;
            received += msg.data.length;
            hash.update(msg.data);
            controller.enqueue(msg.data);
          }
          if (got === 0) throw corrupt(`no chunk arrived within ${timeoutMs} ms after ${received} bytes`);
          if (remaining > 0) return;
          release();
          if (received !== object.size) throw corrupt(`read ${received} bytes, ${object.size} were stored`);
          const sha256 = hash.digest('hex');
          if (sha256 !== object.sha256) throw corrupt(`sha256 is ${sha256}, ${object.sha256} was stored`);
          controller.close();
        } catch (err) {
          release();
          throw err;
        }
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
      if (object.sha256 !== sha256) controller.error(corrupt(`sha256 is ${sha256}, ${object.sha256} was stored`));
      else controller.close();
    },
  });
}
