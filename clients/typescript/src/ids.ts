/** A random id of `bytes` bytes as lower-case hex (Web Crypto: Node 20 and browsers alike). */
export function randomHex(bytes = 16): string {
  const buf = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buf);
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fresh idempotency key for one flush or one request (a UUID v4). */
export function newBatchId(): string {
  // randomUUID exists only in secure contexts of browsers (https, localhost).
  if (typeof globalThis.crypto.randomUUID === 'function') return globalThis.crypto.randomUUID();
  const h = randomHex(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20)}`;
}
