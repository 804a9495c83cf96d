import { hash, randomBytes } from 'node:crypto';

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
  return hash('sha256', secret, 'buffer');
}

/**
 * {@link hashTokenSecret} as base64: the key of a request's token in the verification cache and
 * the rate limiter, computed once per request with the one-shot `crypto.hash` (a fifth of the
 * cost of `createHash` … `digest`).
 */
export function tokenSecretKey(secret: string): string {
  return hash('sha256', secret, 'base64');
}

/** The secret from an `Authorization: Bearer <token>` header, or undefined. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
