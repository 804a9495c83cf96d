import {
  decodePageToken,
  encodePageToken,
  fingerprint,
  InvalidPageTokenError,
  type PageTokenScope,
} from './page-token';

const scope: PageTokenScope = {
  query: fingerprint(['runs', ['1'], 'ACTIVE_ONLY', [], []]),
  keys: [
    { type: 'float', ranked: true },
    { type: 'text', ranked: true },
    { type: 'integer', ranked: false },
    { type: 'text', ranked: false },
  ],
};
const keys = [
  { rank: 0, value: Infinity },
  { rank: 1, value: null },
  { rank: 0, value: 1_764_000_000_000 },
  { rank: 0, value: 'run-1' },
];
const forge = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
const rejects = (token: string, reason: RegExp) => {
  expect(() => decodePageToken(token, scope)).toThrow(InvalidPageTokenError);
  expect(() => decodePageToken(token, scope)).toThrow(reason);
};

test('page token - round-trips every key type, ±Infinity and missing values included', () => {
  const token = encodePageToken(scope, keys);
  expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(decodePageToken(token, scope)).toEqual(keys);
  const negative = [{ rank: 0, value: -1.5e-7 }, ...keys.slice(1)];
  expect(decodePageToken(encodePageToken(scope, negative), scope)).toEqual(negative);
});

test('page token - carries the TRACKING.INVALID_PAGE_TOKEN code', () => {
  try {
    decodePageToken('!!', scope);
    throw new Error('accepted');
  } catch (error) {
    expect(error).toMatchObject({ code: 'TRACKING.INVALID_PAGE_TOKEN', name: 'InvalidPageTokenError' });
  }
});

test('page token - refuses what is not base64url JSON of the right shape', () => {
  rejects('a b', /not base64url/);
  rejects(Buffer.from('{nope').toString('base64url'), /not JSON/);
  rejects(forge({ v: 2, q: scope.query, k: [] }), /unknown shape/);
  rejects(forge({ v: 1, q: scope.query, k: [[0, 'x']], extra: 1 }), /unknown shape/);
  rejects(forge([1, 2, 3]), /unknown shape/);
  rejects('A'.repeat(100_001), /too long/);
});

test('page token - refuses a token of another search or with the wrong number of keys', () => {
  const other = { ...scope, query: fingerprint(['runs', ['2'], 'ACTIVE_ONLY', [], []]) };
  rejects(encodePageToken(other, keys), /another search/);
  rejects(forge({ v: 1, q: scope.query, k: [[0, 'x']] }), /wrong number of sort keys/);
});

test('page token - refuses values of the wrong type and impossible ranks', () => {
  const k = (...entries: unknown[]) => forge({ v: 1, q: scope.query, k: entries });
  const rest = [
    [1, null],
    [0, 5],
    [0, 'r'],
  ];
  rejects(k([0, 'abc'], ...rest), /sort key 0 must be a number/);
  rejects(k([0, 0.5], ...rest), /sort key 0 must be a number/);
  rejects(k([0, '1'], [0, null], [0, 5], [0, 'r']), /sort key 1 must be a string/);
  rejects(k([0, '1'], [1, 'x'], [0, 5], [0, 'r']), /sort key 1 has a value and a rank/);
  rejects(k([0, '1'], [1, null], [0, 5.5], [0, 'r']), /sort key 2 must be an integer/);
  rejects(k([0, '1'], [1, null], [1, null], [0, 'r']), /sort key 2 has a rank but cannot be missing/);
  rejects(k([3, null], ...rest), /unknown shape/);
});

test('fingerprint - differs when any part of the query differs, stable otherwise', () => {
  expect(fingerprint(['a', 1])).toBe(fingerprint(['a', 1]));
  expect(fingerprint(['a', 1])).not.toBe(fingerprint(['a', 2]));
});
