import { createHash } from 'node:crypto';
import type { ArtifactSource } from './artifact.types';
import { ArtifactSourceError, ArtifactTooLargeError } from './artifacts.errors';

/** Counts and hashes the bytes of an upload, and stops it past its limit. */
export class ByteMeter {
  private readonly hash = createHash('sha256');
  private digestBytes: Buffer | undefined;
  size = 0;

  constructor(
    /** The artifact's path, for error messages. */
    readonly path: string,
    private readonly maxBytes: number,
  ) {}

  /** Adds a piece; throws an {@link ArtifactTooLargeError} when it would pass the limit. */
  add(bytes: Uint8Array): void {
    if (this.size + bytes.byteLength > this.maxBytes)
      throw new ArtifactTooLargeError(this.path, this.maxBytes);
    this.size += bytes.byteLength;
    this.hash.update(bytes);
  }

  /** The sha256 of everything added (call once all is added). */
  digest(): Buffer {
    return (this.digestBytes ??= this.hash.digest());
  }
}

/**
 * Regroups any source into chunks of exactly `chunkBytes` (the last one shorter), copied into
 * fresh buffers so a source may reuse its own. It reads one piece of the source at a time, as
 * its consumer asks, so at most one chunk plus one piece is held. Every piece goes through
 * `meter` first; whatever ends the loop (the end, an error, the consumer stopping) releases the
 * source. A failing source is an {@link ArtifactSourceError}.
 */
export async function* fixedChunks(
  source: ArtifactSource,
  chunkBytes: number,
  meter: ByteMeter,
): AsyncGenerator<Uint8Array, void, undefined> {
  const pieces = iterate(source);
  let chunk = Buffer.allocUnsafe(chunkBytes);
  let filled = 0;
  try {
    for (;;) {
      const { done, value } = await pieces.next().catch((err: unknown) => {
        throw new ArtifactSourceError(meter.path, err);
      });
      if (done) break;
      if (!(value instanceof Uint8Array))
        throw new ArtifactSourceError(meter.path, new TypeError(`yielded ${typeof value}, not a Uint8Array`));
      meter.add(value);
      for (let offset = 0; offset < value.byteLength;) {
        const n = Math.min(chunkBytes - filled, value.byteLength - offset);
        chunk.set(value.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === chunkBytes) {
          yield chunk;
          chunk = Buffer.allocUnsafe(chunkBytes);
          filled = 0;
        }
      }
    }
    if (filled > 0) yield chunk.subarray(0, filled);
  } finally {
    await pieces.return?.();
  }
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
