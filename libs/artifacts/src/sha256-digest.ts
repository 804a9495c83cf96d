/** The prefix of the object store's `digest` field (ADR-20): `SHA-256=<base64url, padded>`. */
const NATS_DIGEST_PREFIX = 'SHA-256=';

/**
 * The sha256 of a NATS object store `digest` (`SHA-256=<base64url>`) as lower-case hex, or
 * `undefined` when it is not a SHA-256 digest. Some clients write it unpadded or in plain base64.
 */
export function sha256HexOfNatsDigest(digest: string | undefined): string | undefined {
  if (!digest?.startsWith(NATS_DIGEST_PREFIX)) return undefined;
  const b64 = digest.slice(NATS_DIGEST_PREFIX.length).replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Buffer.from(b64, 'base64');
  return bytes.length === 32 ? bytes.toString('hex') : undefined;
}

/** True when `value` is 64 lower-case hex digits. */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
