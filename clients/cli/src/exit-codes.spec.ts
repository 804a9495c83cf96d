import { SlipwayApiError, SlipwayError, SlipwayNetworkError } from '@slipway/sdk';
import { ExitCode, exitCodeOf, UsageError } from './exit-codes';
import { expiryOf } from './commands/expiry';

const api = (status: number, code = 'X.Y') => new SlipwayApiError(status, code, 'm', null);

describe('exit codes - what slipway exits with', () => {
  test('exit codes - auth 3, not found 4, unavailable 5, usage 2, other API errors 1', () => {
    expect(exitCodeOf(api(401))).toBe(ExitCode.AUTH);
    expect(exitCodeOf(api(403))).toBe(ExitCode.AUTH);
    expect(exitCodeOf(api(404))).toBe(ExitCode.NOT_FOUND);
    for (const status of [429, 502, 503, 504]) expect(exitCodeOf(api(status))).toBe(ExitCode.UNAVAILABLE);
    expect(exitCodeOf(new SlipwayNetworkError('SDK.TIMEOUT', 't'))).toBe(ExitCode.UNAVAILABLE);
    expect(exitCodeOf(new UsageError('u'))).toBe(ExitCode.USAGE);
    expect(exitCodeOf(api(409, 'REGISTRY.GATE_FAILED'))).toBe(ExitCode.API_ERROR);
    expect(exitCodeOf(api(400))).toBe(ExitCode.API_ERROR);
    expect(exitCodeOf(new SlipwayError('SDK.INVALID_RESPONSE', 'x'))).toBe(ExitCode.API_ERROR);
  });

  test('tokens - --expires takes 30d, 12h, 90m or an ISO time', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(expiryOf('30d', now)).toBe('2026-01-31T00:00:00.000Z');
    expect(expiryOf('12h', now)).toBe('2026-01-01T12:00:00.000Z');
    expect(expiryOf('90m', now)).toBe('2026-01-01T01:30:00.000Z');
    expect(expiryOf('2027-05-01T10:00:00+02:00')).toBe('2027-05-01T08:00:00.000Z');
    expect(() => expiryOf('soon')).toThrow(/duration/);
  });
});
