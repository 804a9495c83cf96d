const CHUNK = 256 * 1024;

/** Bytes in memory as a stream of 256 KiB chunks (so progress can be reported). */
export function chunkedStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + CHUNK));
      offset += CHUNK;
    },
  });
}

/** Passes bytes through, telling `onProgress` the running total. */
export function countingStream(
  source: ReadableStream<Uint8Array>,
  onProgress?: (bytes: number) => void,
): ReadableStream<Uint8Array> {
  if (!onProgress) return source;
  let total = 0;
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        onProgress(total);
        controller.enqueue(chunk);
      },
    }),
  );
}
