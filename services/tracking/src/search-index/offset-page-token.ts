import { InvalidPageTokenError } from '../search/sql';

/**
 * Page tokens of searches answered by ClickHouse: the position in the ordered result (MLflow's
 * own search_runs tokens are offsets too), bound to the query by its fingerprint. Told apart
 * from the Postgres search's keyset tokens by `v`.
 */
const VERSION = 'ch1';
const MAX_TOKEN_LENGTH = 200;

export function encodeOffsetToken(query: string, offset: number): string {
  return Buffer.from(JSON.stringify({ v: VERSION, q: query, o: offset }), 'utf8').toString('base64url');
}

/** The offset of a token of ours; `undefined` for any other token (e.g. a Postgres search's). */
export function decodeOffsetToken(token: string): { query: string; offset: number } | undefined {
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || (json as { v?: unknown }).v !== VERSION) return undefined;
  const { q, o } = json as { q?: unknown; o?: unknown };
  if (typeof q !== 'string' || typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0) {
    throw new InvalidPageTokenError('unknown shape');
  }
  return { query: q, offset: o };
}
