import { createHash, randomBytes } from 'node:crypto';

/** Reads a stream to the end into one buffer (tests only: it holds the whole thing). */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts);
    parts.push(value);
  }
}

/** Reads a stream to the end keeping only its size and sha256 (nothing is held). */
export async function digestOf(
  stream: ReadableStream<Uint8Array>,
): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { size, sha256: hash.digest('hex') };
    size += value.byteLength;
    hash.update(value);
  }
}

/**
 * A generated file of `size` random bytes in fresh chunks of `chunkBytes`, made as it is read;
 * `sha256()` is the hash of what was yielded (node:crypto), `yielded` the bytes so far.
 */
export function generatedFile(
  size: number,
  chunkBytes = 256 * 1024,
  onChunk?: (yielded: number) => Promise<void>,
) {
  const hash = createHash('sha256');
  let digest: string | undefined;
  const state = { yielded: 0, sha256: () => (digest ??= hash.digest('hex')) };
  async function* chunks() {
    while (state.yielded < size) {
      const chunk = randomBytes(Math.min(chunkBytes, size - state.yielded));
      hash.update(chunk);
      state.yielded += chunk.byteLength;
      await onChunk?.(state.yielded);
      yield chunk;
    }
  }
  return Object.assign(state, { chunks: chunks() });
}

/** `sha256` of some bytes, lower-case hex. */
export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
