import { createHash } from 'node:crypto';
import { SlipwayError } from '@slipway/contracts';
import { z } from 'zod';
import type { SortKeyType } from './keyset';

/** Stable codes of search paging errors; the gateway maps this one to MLflow's INVALID_PARAMETER_VALUE. */
export const PageTokenErrorCodes = {
  INVALID_PAGE_TOKEN: 'TRACKING.INVALID_PAGE_TOKEN',
} as const;

/** A `page_token` that this search did not hand out: not ours, corrupted, or from another query. */
export class InvalidPageTokenError extends SlipwayError {
  constructor(reason: string, options?: ErrorOptions) {
    super(PageTokenErrorCodes.INVALID_PAGE_TOKEN, `invalid page token: ${reason}`, { reason }, options);
    this.name = 'InvalidPageTokenError';
  }
}

/**
 * Where a page ended, for one sort key: its rank (0 = has a value; higher ranks sort after, e.g.
 * 1 = NaN, 2 = missing) and its value (`null` exactly when the rank is above 0).
 */
export interface CursorKey {
  rank: number;
  value: string | number | null;
}

/** What a token must match: the query it was issued for and the types of its sort keys. */
export interface PageTokenScope {
  /** {@link fingerprint} of the query's defining parts (filter, order, experiments, view). */
  query: string;
  keys: readonly { type: SortKeyType; ranked: boolean }[];
}

const VERSION = 1;
/** Longest token accepted: a few sort keys with the longest tag value (8000 characters) fit well. */
const MAX_TOKEN_LENGTH = 100_000;
const FLOAT = /^(-?Infinity|-?\d+(\.\d+)?([eE][-+]?\d+)?)$/;

const envelopeSchema = z.strictObject({
  v: z.literal(VERSION),
  q: z.string(),
  k: z.array(z.tuple([z.int().min(0).max(2), z.union([z.string(), z.number(), z.null()])])),
});

/** A short hash of `parts` (canonical JSON), naming the query a token belongs to. */
export function fingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

/** The opaque token of the page after the row whose sort keys are `keys`: base64url JSON. */
export function encodePageToken(scope: PageTokenScope, keys: readonly CursorKey[]): string {
  const k = keys.map((key, i) => {
    const value =
      scope.keys[i]?.type === 'float' && typeof key.value === 'number' ? String(key.value) : key.value;
    return [key.rank, value];
  });
  return Buffer.from(JSON.stringify({ v: VERSION, q: scope.query, k }), 'utf8').toString('base64url');
}

/** Reads a token back, checking that it belongs to `scope`; throws {@link InvalidPageTokenError} otherwise. */
export function decodePageToken(token: string, scope: PageTokenScope): CursorKey[] {
  if (token.length > MAX_TOKEN_LENGTH) throw new InvalidPageTokenError('too long');
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new InvalidPageTokenError('not base64url');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidPageTokenError('not JSON', { cause: error });
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) throw new InvalidPageTokenError('unknown shape', { cause: parsed.error });
  if (parsed.data.q !== scope.query) throw new InvalidPageTokenError('it was issued for another search');
  if (parsed.data.k.length !== scope.keys.length)
    throw new InvalidPageTokenError('wrong number of sort keys');
  return parsed.data.k.map(([rank, value], i) => checkKey(rank, value, scope.keys[i], i));
}

function checkKey(
  rank: number,
  value: string | number | null,
  spec: PageTokenScope['keys'][number],
  index: number,
): CursorKey {
  const bad = (why: string) => new InvalidPageTokenError(`sort key ${index} ${why}`);
  if (!spec.ranked && rank !== 0) throw bad('has a rank but cannot be missing');
  if (rank > 0) {
    if (value !== null) throw bad('has a value and a rank after the values');
    return { rank, value: null };
  }
  switch (spec.type) {
    case 'text':
      if (typeof value !== 'string') throw bad('must be a string');
      return { rank, value };
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw bad('must be an integer');
      return { rank, value };
    case 'float':
      if (typeof value !== 'string' || !FLOAT.test(value)) throw bad('must be a number');
      return { rank, value: Number(value) };
  }
}
