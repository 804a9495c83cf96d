import { decodeOffsetToken, encodeOffsetToken } from './offset-page-token';

describe('offset page token', () => {
  test('offset page token - round trip', () => {
    expect(decodeOffsetToken(encodeOffsetToken('abc', 1200))).toEqual({ query: 'abc', offset: 1200 });
  });

  test('offset page token - a keyset token of the Postgres search is not ours', () => {
    const keyset = Buffer.from(JSON.stringify({ v: 1, q: 'abc', k: [[0, 'x']] })).toString('base64url');
    expect(decodeOffsetToken(keyset)).toBeUndefined();
    expect(decodeOffsetToken('not a token!')).toBeUndefined();
  });

  test('offset page token - ours with a bad offset is refused', () => {
    const bad = Buffer.from(JSON.stringify({ v: 'ch1', q: 'abc', o: -1 })).toString('base64url');
    expect(() => decodeOffsetToken(bad)).toThrow(/invalid page token/);
  });
});
