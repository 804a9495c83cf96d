/**
 * Group commit per lane (a run, or one lane for everything). Items of concurrent requests for the
 * same lane are sent downstream together: a request is sent at once while the lane has fewer than
 * `maxInFlight` sends in flight (no added latency when load is light); beyond that, requests
 * queue and go together as the next send, in batches of at most `maxItems`. Each request's
 * promise settles with the send that carried its items, so a caller still answers only once its
 * own items are durable. With `maxInFlight` 1 a lane's items also keep their order.
 *
 * `minIntervalMs` (a linger, as Kafka producers have) spaces a lane's sends: a send starts no
 * sooner than that after the lane's previous one started. A request to a lane idle for longer
 * still goes at once; under load the lane sends at most 1000 / `minIntervalMs` batches a second,
 * each larger, at the cost of at most `minIntervalMs` more latency.
 *
 * Hand-written because the batching libraries at hand (DataLoader, p-batch) batch per tick or per
 * time window; the gain here comes from batching per send in flight, which they do not do.
 */
export class Coalescer<T, R = void> {
  private readonly lanes = new Map<string, LaneQueue<T, R>>();

  constructor(
    /** Sends one lane's items; its rejection rejects every request the send carried. */
    private readonly send: (lane: string, items: T[]) => Promise<R>,
    /** Most items in one send (a request larger than this is sent alone). */
    private readonly maxItems: number,
    /** Most sends of one lane in flight at once. */
    private readonly maxInFlight = 1,
    /** Least time between the starts of two sends of one lane (0: none). */
    private readonly minIntervalMs = 0,
  ) {}

  /** Resolves with the result of the send that carried these items, once it succeeded. */
  add(lane: string, items: readonly T[]): Promise<R> {
    let queue = this.lanes.get(lane);
    if (!queue) {
      queue = { inFlight: 0, batches: [], lastSendAt: -Infinity };
      this.lanes.set(lane, queue);
    }
    let last = queue.batches.at(-1);
    if (!last || last.items.length + items.length > this.maxItems) {
      last = { items: [], waiters: [] };
      queue.batches.push(last);
    }
    for (const item of items) last.items.push(item);
    const settled = new Promise<R>((resolve, reject) => last.waiters.push({ resolve, reject }));
    if (queue.inFlight < this.maxInFlight) void this.drain(lane, queue);
    return settled;
  }

  /** Lanes with items waiting or in flight (for tests and metrics). */
  get activeLanes(): number {
    return this.lanes.size;
  }

  private async drain(lane: string, queue: LaneQueue<T, R>): Promise<void> {
    queue.inFlight++;
    for (;;) {
      const wait = queue.lastSendAt + this.minIntervalMs - performance.now();
      // Requests arriving while this waits join the next batch (after the last send too, so the
      // lane stays busy until its spacing is over).
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const batch = queue.batches.shift();
      if (!batch) break;
      queue.lastSendAt = performance.now();
      try {
        const result = await this.send(lane, batch.items);
        for (const w of batch.waiters) w.resolve(result);
      } catch (err) {
        for (const w of batch.waiters) w.reject(err);
      }
    }
    // The loop only ends once the lane's spacing is over: a request after this goes at once.
    queue.inFlight--;
    if (queue.inFlight === 0) this.lanes.delete(lane);
  }
}

interface LaneQueue<T, R> {
  /** Sends under way (or waiting for the lane's spacing); each takes batches until none is left. */
  inFlight: number;
  /** `performance.now()` when the lane's last send started. */
  lastSendAt: number;
  batches: { items: T[]; waiters: { resolve: (result: R) => void; reject: (err: unknown) => void }[] }[];
}
