import { ValidationError } from '@slipway/contracts';
import { formatCursor, parseCursor } from './event-cursor';

describe('event cursor - the SSE id of live events', () => {
  test('formats streams in name order and reads its own text back', () => {
    const text = formatCursor(
      new Map([
        ['SLIPWAY_INGEST', 1337],
        ['SLIPWAY_EVENTS', 42],
      ]),
    );
    expect(text).toBe('SLIPWAY_EVENTS:42,SLIPWAY_INGEST:1337');
    expect([...parseCursor(text, 'Last-Event-ID')]).toEqual([
      ['SLIPWAY_EVENTS', 42],
      ['SLIPWAY_INGEST', 1337],
    ]);
    expect([...parseCursor('SLIPWAY_EVENTS_MY-ROOT:0', 'x')]).toEqual([['SLIPWAY_EVENTS_MY-ROOT', 0]]);
  });

  test.each([
    ['', 'is not <stream>:<sequence>'],
    ['SLIPWAY_EVENTS', 'is not <stream>:<sequence>'],
    ['SLIPWAY_EVENTS:-1', 'is not <stream>:<sequence>'],
    ['SLIPWAY_EVENTS:1.5', 'is not <stream>:<sequence>'],
    ['SLIP.WAY:1', 'is not <stream>:<sequence>'],
    ['SLIPWAY_EVENTS:1,', 'is not <stream>:<sequence>'],
    ['SLIPWAY_EVENTS:9999999999999999', 'too large'],
    ['SLIPWAY_EVENTS:1,SLIPWAY_EVENTS:2', 'appears twice'],
    [Array.from({ length: 17 }, (_, i) => `S${i}:1`).join(','), 'at most 16 streams'],
    ['S:1'.padEnd(1001, '0'), 'at most 1000 characters'],
  ])('refuses %j, naming where it came from (%s)', (text, message) => {
    let error: unknown;
    try {
      parseCursor(text, 'Last-Event-ID');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'Last-Event-ID', message: expect.stringContaining(message) },
    ]);
  });
});
