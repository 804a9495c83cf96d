import { ValidationError } from '@slipway/contracts';
import { decodeHistoryToken, encodeHistoryToken } from './metric-history.cursor';

describe('history page token', () => {
  const at = { step: -3, timestamp: 1700000000123, eventId: 'ev/"1"', ordinal: 999 };

  test('round trip - decodes to the position it was made from, in URL-safe characters', () => {
    const token = encodeHistoryToken('run-1', 'val loss', at);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeHistoryToken(token, 'run-1', 'val loss')).toEqual(at);
  });

  test('another series - a token of another run or key is refused', () => {
    const token = encodeHistoryToken('run-1', 'loss', at);
    expect(() => decodeHistoryToken(token, 'run-2', 'loss')).toThrow(ValidationError);
    expect(() => decodeHistoryToken(token, 'run-1', 'acc')).toThrow(/another metric series/);
  });

  test.each([
    '',
    'not-a-token',
    Buffer.from('[2,"r","k",1,1,"e",0]').toString('base64url'),
    Buffer.from('{}').toString('base64url'),
  ])('garbage - %j is refused with a validation error', (token) => {
    expect(() => decodeHistoryToken(token, 'r', 'k')).toThrow(ValidationError);
  });
});
