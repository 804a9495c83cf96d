import { SlipwayApiError, SlipwayNetworkError } from '../errors';

/** How failed requests are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 5. */
  maxRetries: number;
  /** The first back-off, in ms; it doubles on each retry. Default 200. */
  baseDelayMs: number;
  /** The longest back-off, and the longest `Retry-After` honoured, in ms. Default 30,000. */
  maxDelayMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, baseDelayMs: 200, maxDelayMs: 30_000 };

/** HTTP statuses that say "try again later": rate limited, bad gateway, unavailable, gateway timeout. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Whether an error may be retried. A request that is not idempotent is retried only on 429, which
 * the gateway answers before doing anything; an idempotent one (a read, a PUT, a batch with its
 * `batchId`, a create with a client-chosen id) also on 502/503/504 and network errors.
 */
export function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (error instanceof SlipwayApiError)
    return error.status === 429 || (idempotent && RETRYABLE_STATUSES.has(error.status));
  return idempotent && error instanceof SlipwayNetworkError;
}

/**
 * The wait before retry number `retry` (0 for the first): the server's `Retry-After` when it sent
 * one, else exponential back-off with "equal jitter" (half fixed, half random), capped.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** `Retry-After` as ms: delta-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
