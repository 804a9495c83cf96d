import { createHash } from 'node:crypto';
import { isSha256Hex, sha256HexOfNatsDigest } from './sha256-digest';

describe('sha256 digest - object store digests as hex', () => {
  const bytes = Buffer.from('churn model');
  const hex = createHash('sha256').update(bytes).digest('hex');

  it('reads the padded base64url digest nats.js writes, and the unpadded one', () => {
    const b64url = createHash('sha256').update(bytes).digest('base64url');
    expect(sha256HexOfNatsDigest(`SHA-256=${b64url}=`)).toBe(hex);
    expect(sha256HexOfNatsDigest(`SHA-256=${b64url}`)).toBe(hex);
  });

  it('refuses what is not a SHA-256 digest', () => {
    expect(sha256HexOfNatsDigest(undefined)).toBeUndefined();
    expect(sha256HexOfNatsDigest('MD5=abc')).toBeUndefined();
    expect(sha256HexOfNatsDigest('SHA-256=abcd')).toBeUndefined();
  });

  it('recognises hex sha256', () => {
    expect(isSha256Hex(hex)).toBe(true);
    expect(isSha256Hex(hex.toUpperCase())).toBe(false);
  });
});
