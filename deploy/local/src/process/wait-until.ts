/**
 * Polls `check` every `intervalMs` until it returns a value, `timeoutMs` passes
 * (undefined), or `abort` returns a reason (thrown).
 */
export async function waitUntil<T>(
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; abort?: () => Error | undefined },
): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const aborted = options.abort?.();
    if (aborted) throw aborted;
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
