import { WakeSignal } from './wake-signal';

describe('wake signal', () => {
  test('wake signal - a wake-up before the wait is not lost, and is consumed once', async () => {
    const signal = new WakeSignal();
    signal.wake();
    signal.wake();
    expect(await signal.wait(1000)).toBe(true);
    expect(await signal.wait(10)).toBe(false);
  });

  test('wake signal - a waiting caller is woken at once', async () => {
    const signal = new WakeSignal();
    const started = Date.now();
    const woken = signal.wait(5000);
    setTimeout(() => signal.wake(), 5);
    expect(await woken).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('wake signal - without a wake-up the wait times out (the polling fallback)', async () => {
    expect(await new WakeSignal().wait(5)).toBe(false);
  });
});
