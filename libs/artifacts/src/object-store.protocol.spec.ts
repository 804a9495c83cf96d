import { createHash } from 'node:crypto';
import { natsDigestOf, objectMetaSchema, objectStoreLayout } from './object-store.protocol';
import { sha256HexOfNatsDigest } from './sha256-digest';

describe('object store protocol - ADR-20 layout', () => {
  it('names the stream, chunk and meta subjects', () => {
    expect(objectStoreLayout.stream('slipway-artifacts')).toBe('OBJ_slipway-artifacts');
    expect(objectStoreLayout.chunkSubject('b', 'N1')).toBe('$O.b.C.N1');
    // base64url of the UTF-8 bytes, padded, as the Go client writes it.
    expect(objectStoreLayout.metaSubject('b', 'runs/r1/a')).toBe('$O.b.M.cnVucy9yMS9h');
    expect(objectStoreLayout.metaSubject('b', 'runs/r1/ab')).toBe('$O.b.M.cnVucy9yMS9hYg==');
    expect(objectStoreLayout.metaSubject('b', 'a>?')).toBe('$O.b.M.YT4_');
    expect(objectStoreLayout.metaSubject('b', '模型?')).toBe('$O.b.M.5qih5Z6LPw==');
  });

  it('writes digests that read back as the same sha256', () => {
    const sha = createHash('sha256').update('x').digest();
    expect(natsDigestOf(sha)).toMatch(/^SHA-256=[A-Za-z0-9_-]{43}=$/);
    expect(sha256HexOfNatsDigest(natsDigestOf(sha))).toBe(sha.toString('hex'));
  });

  it('parses a meta written by another client and keeps unknown fields', () => {
    const meta = objectMetaSchema.parse({
      name: 'n',
      bucket: 'b',
      nuid: 'x',
      size: 1,
      chunks: 1,
      digest: 'SHA-256=',
      mtime: '2025-01-01T00:00:00Z',
      options: null,
      extra: 1,
    });
    expect(meta).toMatchObject({ name: 'n', extra: 1 });
    expect(objectMetaSchema.safeParse({ name: 'n' }).success).toBe(false);
  });
});
