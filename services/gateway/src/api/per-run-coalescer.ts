/**
 * Group commit per run. Points of concurrent requests for the same run are sent downstream as
 * one message: the first request of an idle run is sent at once (no added latency when load is
 * light); while that send is in flight, later requests queue and go together as the next send,
 * in batches of at most `maxItems`. Each request's promise settles with the send that carried its
 * points, so a caller still answers only once its own points are durable. One send per run is in
 * flight at a time, which also keeps a run's points in the order they arrived.
 *
 * Hand-written because the batching libraries at hand (DataLoader, p-batch) batch per tick or per
 * time window; the gain here comes from batching per send in flight, which they do not do.
 */
export class PerRunCoalescer<T, R = void> {
  private readonly runs = new Map<string, RunQueue<T, R>>();

  constructor(
    /** Sends one run's items; its rejection rejects every request the send carried. */
    private readonly send: (runId: string, items: T[]) => Promise<R>,
    /** Most items in one send (a request larger than this is sent alone). */
    private readonly maxItems: number,
  ) {}

  /** Resolves with the result of the send that carried these items, once it succeeded. */
  add(runId: string, items: readonly T[]): Promise<R> {
    let run = this.runs.get(runId);
    if (!run) {
      run = { sending: false, batches: [] };
      this.runs.set(runId, run);
    }
    let last = run.batches.at(-1);
    if (!last || last.items.length + items.length > this.maxItems) {
      last = { items: [], waiters: [] };
      run.batches.push(last);
    }
    for (const item of items) last.items.push(item);
    const settled = new Promise<R>((resolve, reject) => last.waiters.push({ resolve, reject }));
    if (!run.sending) void this.drain(runId, run);
    return settled;
  }

  /** Runs with points waiting or in flight (for tests and metrics). */
  get activeRuns(): number {
    return this.runs.size;
  }

  private async drain(runId: string, run: RunQueue<T, R>): Promise<void> {
    run.sending = true;
    for (let batch = run.batches.shift(); batch; batch = run.batches.shift()) {
      try {
        const result = await this.send(runId, batch.items);
        for (const w of batch.waiters) w.resolve(result);
      } catch (err) {
        for (const w of batch.waiters) w.reject(err);
      }
    }
    run.sending = false;
    this.runs.delete(runId);
  }
}

interface RunQueue<T, R> {
  sending: boolean;
  batches: { items: T[]; waiters: { resolve: (result: R) => void; reject: (err: unknown) => void }[] }[];
}
