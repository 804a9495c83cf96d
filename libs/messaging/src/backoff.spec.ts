import { decideOnFailure, nakDelayFor } from './backoff';

describe('backoff - nak delay selection', () => {
  it('uses the n-th delay after the n-th failed delivery, and repeats the last one', () => {
    const backoff = [1_000, 5_000, 15_000];
    expect([1, 2, 3, 4, 9].map((n) => nakDelayFor(n, backoff))).toEqual([
      1_000, 5_000, 15_000, 15_000, 15_000,
    ]);
  });

  it('redelivers at once when no backoff is configured', () => {
    expect(nakDelayFor(3, [])).toBe(0);
  });

  it('treats a delivery count below 1 as the first delivery', () => {
    expect(nakDelayFor(0, [7, 8])).toBe(7);
  });
});

describe('backoff - failure decision', () => {
  it('retries with backoff before the last allowed delivery', () => {
    expect(decideOnFailure(2, 5, [10, 20, 30], 'db down')).toEqual({ action: 'retry', delayMs: 20 });
  });

  it('dead-letters on the last allowed delivery with the error message in the reason', () => {
    expect(decideOnFailure(5, 5, [10], 'db down')).toEqual({
      action: 'dead-letter',
      reason: 'max deliveries (5) reached: db down',
    });
  });
});
