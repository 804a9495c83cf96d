import { SlipwayApiError, SlipwayNetworkError } from '../errors';
import { isRetryable, parseRetryAfter, retryDelayMs } from './retry-policy';

const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
const api = (status: number) => new SlipwayApiError(status, 'X.Y', 'm', null);

describe('retry policy - which errors are retried and how long to wait', () => {
  test('retry policy - 429 is always retried; 502/503/504 and network errors only when idempotent', () => {
    expect(isRetryable(api(429), false)).toBe(true);
    for (const status of [502, 503, 504]) {
      expect(isRetryable(api(status), true)).toBe(true);
      expect(isRetryable(api(status), false)).toBe(false);
    }
    for (const status of [400, 401, 403, 404, 409, 500]) expect(isRetryable(api(status), true)).toBe(false);
    expect(isRetryable(new SlipwayNetworkError('SDK.NETWORK_ERROR', 'x'), true)).toBe(true);
    expect(isRetryable(new SlipwayNetworkError('SDK.TIMEOUT', 'x'), false)).toBe(false);
    expect(isRetryable(new Error('bug'), true)).toBe(false);
  });

  test('retry policy - back-off doubles between half and all of the step, and is capped', () => {
    expect(retryDelayMs(policy, 0, undefined, () => 0)).toBe(50);
    expect(retryDelayMs(policy, 0, undefined, () => 1)).toBe(100);
    expect(retryDelayMs(policy, 3, undefined, () => 0)).toBe(400);
    expect(retryDelayMs(policy, 3, undefined, () => 0.999)).toBeLessThanOrEqual(800);
    expect(retryDelayMs(policy, 20, undefined, () => 1)).toBe(1000);
  });

  test('retry policy - Retry-After wins over back-off, capped at the longest delay', () => {
    expect(retryDelayMs(policy, 0, 700)).toBe(700);
    expect(retryDelayMs(policy, 0, 60_000)).toBe(1000);
  });

  test('retry policy - Retry-After is read as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
