import { Coalescer } from './coalescer';

/** A send whose completion the test controls, recording what each call carried. */
function controlledSend() {
  const calls: { runId: string; items: number[]; done: (err?: Error) => void }[] = [];
  const send = (runId: string, items: number[]) =>
    new Promise<string>((resolve, reject) =>
      calls.push({ runId, items, done: (err) => (err ? reject(err) : resolve(`${runId}#${calls.length}`)) }),
    );
  return { calls, send };
}

describe('Coalescer', () => {
  test('the first request of an idle lane is sent at once; requests arriving meanwhile go together next', async () => {
    const { calls, send } = controlledSend();
    const coalescer = new Coalescer(send, 1000);
    const first = coalescer.add('r1', [1]);
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    const later = [coalescer.add('r1', [2]), coalescer.add('r1', [3, 4]), coalescer.add('r1', [5])];
    expect(calls).toHaveLength(1);

    calls[0]!.done();
    await expect(first).resolves.toBe('r1#1');
    await new Promise((r) => setImmediate(r));
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4, 5]]);
    calls[1]!.done();
    await expect(Promise.all(later)).resolves.toEqual(['r1#2', 'r1#2', 'r1#2']);
    expect(coalescer.activeLanes).toBe(0);
  });

  test('a send carries at most maxItems; a larger request is sent alone; order is kept', async () => {
    const { calls, send } = controlledSend();
    const coalescer = new Coalescer(send, 3);
    const all = [
      coalescer.add('r1', [1]),
      coalescer.add('r1', [2, 3]),
      coalescer.add('r1', [4, 5]),
      coalescer.add('r1', [6]),
      coalescer.add('r1', [7, 8, 9, 10]),
    ];
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setImmediate(r));
      calls[i]!.done();
    }
    await Promise.all(all);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3], [4, 5, 6], [7, 8, 9, 10]]);
  });

  test('a failed send rejects exactly the requests it carried; the next batch is still sent', async () => {
    const { calls, send } = controlledSend();
    const coalescer = new Coalescer(send, 1000);
    const first = coalescer.add('r1', [1]);
    const second = [coalescer.add('r1', [2]), coalescer.add('r1', [3])];
    calls[0]!.done(new Error('stream unavailable'));
    await expect(first).rejects.toThrow('stream unavailable');
    await new Promise((r) => setImmediate(r));
    const third = coalescer.add('r1', [4]);
    calls[1]!.done(new Error('timeout'));
    await expect(Promise.all(second)).rejects.toThrow('timeout');
    await new Promise((r) => setImmediate(r));
    calls[2]!.done();
    await expect(third).resolves.toBe('r1#3');
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3], [4]]);
  });

  test('lanes are independent: each has its own send in flight', async () => {
    const { calls, send } = controlledSend();
    const coalescer = new Coalescer(send, 1000);
    const a = coalescer.add('a', [1]);
    const b = coalescer.add('b', [2]);
    expect(calls.map((c) => [c.runId, c.items])).toEqual([
      ['a', [1]],
      ['b', [2]],
    ]);
    expect(coalescer.activeLanes).toBe(2);
    calls[1]!.done();
    await expect(b).resolves.toBe('b#2');
    calls[0]!.done();
    await expect(a).resolves.toBe('a#2');
  });

  test('with maxInFlight 2, two sends go at once; later requests wait for a free slot and go together', async () => {
    const { calls, send } = controlledSend();
    const coalescer = new Coalescer(send, 1000, 2);
    const first = [coalescer.add('r1', [1]), coalescer.add('r1', [2])];
    const waiting = [coalescer.add('r1', [3]), coalescer.add('r1', [4])];
    expect(calls.map((c) => c.items)).toEqual([[1], [2]]);
    calls[1]!.done();
    await expect(first[1]).resolves.toBe('r1#2');
    await new Promise((r) => setImmediate(r));
    expect(calls.map((c) => c.items)).toEqual([[1], [2], [3, 4]]);
    calls[0]!.done();
    calls[2]!.done();
    await expect(Promise.all([first[0], ...waiting])).resolves.toEqual(['r1#3', 'r1#3', 'r1#3']);
    expect(coalescer.activeLanes).toBe(0);
  });

  describe('with minIntervalMs (linger)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    test('an idle lane sends at once; under load sends are spaced and carry what arrived meanwhile', async () => {
      const { calls, send } = controlledSend();
      const coalescer = new Coalescer(send, 1000, 1, 5);
      const first = coalescer.add('*', [1]);
      expect(calls.map((c) => c.items)).toEqual([[1]]);
      calls[0]!.done();
      await expect(first).resolves.toBe('*#1');

      const next = [coalescer.add('*', [2]), coalescer.add('*', [3])];
      await jest.advanceTimersByTimeAsync(4);
      expect(calls).toHaveLength(1);
      const late = coalescer.add('*', [4]);
      await jest.advanceTimersByTimeAsync(1);
      expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
      calls[1]!.done();
      await expect(Promise.all([...next, late])).resolves.toEqual(['*#2', '*#2', '*#2']);

      await jest.advanceTimersByTimeAsync(10);
      expect(coalescer.activeLanes).toBe(0);
      const idle = coalescer.add('*', [5]);
      expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4], [5]]);
      calls[2]!.done();
      await expect(idle).resolves.toBe('*#3');
    });

    test('a slow send counts toward the interval: the next one goes as soon as it is answered', async () => {
      const { calls, send } = controlledSend();
      const coalescer = new Coalescer(send, 1000, 1, 5);
      const first = coalescer.add('*', [1]);
      const second = coalescer.add('*', [2]);
      await jest.advanceTimersByTimeAsync(20);
      expect(calls).toHaveLength(1);
      calls[0]!.done();
      await expect(first).resolves.toBe('*#1');
      await jest.advanceTimersByTimeAsync(0);
      expect(calls.map((c) => c.items)).toEqual([[1], [2]]);
      calls[1]!.done();
      await expect(second).resolves.toBe('*#2');
    });
  });
});
