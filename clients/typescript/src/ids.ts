/** A random id of `bytes` bytes as lower-case hex (Web Crypto: Node 20 and browsers alike). */
export function randomHex(bytes = 16): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fresh idempotency key for one flush or one request. */
export const newBatchId = (): string => globalThis.crypto.randomUUID();
