import { createHash } from 'node:crypto';
import {
  bearerTokenOf,
  generateTokenSecret,
  hashTokenSecret,
  TOKEN_PREFIX,
  tokenSecretKey,
} from './api-token';
import { grants } from './scopes';

describe('auth - tokens and scopes', () => {
  test('secrets - prefixed, 256 random bits, hashed to 32 bytes; two are never alike', () => {
    const a = generateTokenSecret();
    const b = generateTokenSecret();
    expect(a.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(Buffer.from(a.slice(TOKEN_PREFIX.length), 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(hashTokenSecret(a)).toHaveLength(32);
    expect(hashTokenSecret(a).equals(hashTokenSecret(a))).toBe(true);
  });

  test('stored hash - sha256 of the secret; the request key is the same hash in base64', () => {
    const secret = 'slw_abc';
    const sha256 = createHash('sha256').update(secret, 'utf8').digest();
    expect(hashTokenSecret(secret).equals(sha256)).toBe(true);
    expect(tokenSecretKey(secret)).toBe(sha256.toString('base64'));
  });

  test('bearer - only "Bearer <token>" is read', () => {
    expect(bearerTokenOf('Bearer slw_x')).toBe('slw_x');
    expect(bearerTokenOf('bearer  slw_x ')).toBe('slw_x');
    expect(bearerTokenOf('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerTokenOf('Bearer a b')).toBeUndefined();
    expect(bearerTokenOf(undefined)).toBeUndefined();
  });

  test('scopes - admin implies write implies read, not the other way', () => {
    expect(grants(['admin'], 'write')).toBe(true);
    expect(grants(['write'], 'read')).toBe(true);
    expect(grants(['write'], 'admin')).toBe(false);
    expect(grants(['read'], 'write')).toBe(false);
    expect(grants([], 'read')).toBe(false);
  });
});
