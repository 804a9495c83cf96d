import { ValidationError } from '@slipway/contracts';
import { z } from 'zod';

/** Where a history page ended: the sort key of its last point, which names one point uniquely. */
export interface HistoryPosition {
  step: number;
  /** ms since the epoch */
  timestamp: number;
  eventId: string;
  ordinal: number;
}

const VERSION = 1;

const tokenSchema = z.tuple([
  z.literal(VERSION),
  z.string(),
  z.string(),
  z.int(),
  z.int().min(0),
  z.string(),
  z.int().min(0).max(65_535),
]);

/**
 * An opaque page token: base64url of the JSON `[version, runId, key, step, timestamp, eventId,
 * ordinal]`. Carrying the series lets a token given for another series be refused instead of
 * returning a wrong page.
 */
export function encodeHistoryToken(runId: string, key: string, at: HistoryPosition): string {
  const body = [VERSION, runId, key, at.step, at.timestamp, at.eventId, at.ordinal];
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function invalid(message: string): ValidationError {
  return new ValidationError('page token', [{ path: 'pageToken', message }]);
}

/** @throws ValidationError when `token` was not made by {@link encodeHistoryToken} for this series. */
export function decodeHistoryToken(token: string, runId: string, key: string): HistoryPosition {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a page token');
  }
  const parsed = tokenSchema.safeParse(body);
  if (!parsed.success) throw invalid('not a page token');
  const [, tokenRun, tokenKey, step, timestamp, eventId, ordinal] = parsed.data;
  if (tokenRun !== runId || tokenKey !== key) throw invalid('the token belongs to another metric series');
  return { step, timestamp, eventId, ordinal };
}
