import { createHash } from 'node:crypto';
import { ArtifactTooLargeError } from './artifacts.errors';
import type { ArtifactSource } from './artifact.types';

/** Size and sha256 of the bytes that went through a {@link meteredStream}. */
export interface MeteredResult {
  size: number;
  /** Lower-case hex. */
  sha256: string;
}

/**
 * Wraps a source in a pull-only `ReadableStream` (nothing is read ahead of the consumer) that
 * counts and hashes the bytes as they pass. Past `maxBytes` it stops the source and fails with an
 * {@link ArtifactTooLargeError}; at the end it calls `onEnd` before signalling completion.
 */
export function meteredStream(
  source: ArtifactSource,
  limit: { path: string; maxBytes: number },
  onEnd: (result: MeteredResult) => void,
): ReadableStream<Uint8Array> {
  const chunks = iterate(source);
  const hash = createHash('sha256');
  let size = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const { done, value } = await chunks.next();
          if (done) {
            onEnd({ size, sha256: hash.digest('hex') });
            controller.close();
            return;
          }
          if (!(value instanceof Uint8Array)) {
            await chunks.return?.();
            throw new TypeError(`artifact source yielded ${typeof value}, not a Uint8Array`);
          }
          if (value.byteLength === 0) continue;
          size += value.byteLength;
          if (size > limit.maxBytes) {
            await chunks.return?.();
            throw new ArtifactTooLargeError(limit.path, limit.maxBytes);
          }
          hash.update(value);
          controller.enqueue(value);
          return;
        }
      },
      async cancel() {
        await chunks.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** One iterator over any {@link ArtifactSource}; `return()` releases the source. */
export function iterate(source: ArtifactSource): AsyncIterator<Uint8Array> {
  if (source instanceof Uint8Array)
    return (async function* () {
      yield source;
    })();
  if (isReadableStream(source)) {
    const reader = source.getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
      return: async () => {
        await reader.cancel();
        return { done: true, value: undefined };
      },
    };
  }
  return source[Symbol.asyncIterator]();
}

function isReadableStream(source: ArtifactSource): source is ReadableStream<Uint8Array> {
  return typeof (source as ReadableStream<Uint8Array>).getReader === 'function';
}
