/** Something with buffered writes to send before the process ends. */
export interface Flushable {
  readonly pending: number;
  flush(): Promise<void>;
}

const live = new Set<Flushable>();
let installed = false;

/**
 * In Node, flushes every registered {@link Flushable} on `beforeExit` (the event loop ran dry:
 * a script that forgot `end()`). Nothing in a browser, and nothing on `process.exit()` or a
 * signal, where no asynchronous work can run.
 */
export function flushOnExit(target: Flushable): void {
  live.add(target);
  const proc = (globalThis as { process?: { on?: (event: string, fn: () => void) => void } }).process;
  if (installed || typeof proc?.on !== 'function') return;
  installed = true;
  proc.on('beforeExit', () => {
    // A flush adds work to the loop, so beforeExit fires again after it; stop when nothing is left.
    for (const t of live)
      if (t.pending > 0)
        t.flush().catch((error: unknown) => {
          console.error(`slipway: could not flush run data before exit: ${(error as Error).message}`);
        });
  });
}

/** Stops flushing `target` on exit (its run ended). */
export function forgetOnExit(target: Flushable): void {
  live.delete(target);
}
