import { createHash, randomBytes } from 'node:crypto';

/** Every Slipway API token starts with this, so secret scanners can recognise one. */
export const TOKEN_PREFIX = 'slw_';

/** A new secret: the prefix and 32 random bytes, base64url. */
export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * The stored form of a secret. A fast hash is enough: the secret carries 256 random bits, so
 * it cannot be guessed from its hash the way a password could (which would need a slow hash).
 */
export function hashTokenSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** The secret from an `Authorization: Bearer <token>` header, or undefined. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
