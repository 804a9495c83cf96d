import type { BeforeApplicationShutdown } from '@nestjs/common';
import { MetricsWriteError, MetricsWriterClosedError } from './metrics.errors';
import { encodeMetricRows, type MetricPointInput } from './metric-points.encoding';
import type { MetricPointsStore } from './metric-points.store';

/** Batching of {@link MetricPointsWriter}. */
export interface MetricPointsWriterOptions {
  /** Flush once this many points are buffered; a flush takes whole events up to it. Default 50,000. */
  maxBatchPoints: number;
  /** Flush points that have waited this long, in ms. Default 1000. */
  maxBatchAgeMs: number;
  /**
   * Flushes that may run at once (each a redelivery lookup, then an insert). Default 2: while one
   * batch is inserted the next is looked up and inserted, instead of waiting its turn.
   */
  maxConcurrentFlushes: number;
}

export const DEFAULT_WRITER_OPTIONS: MetricPointsWriterOptions = {
  maxBatchPoints: 50_000,
  maxBatchAgeMs: 1000,
  maxConcurrentFlushes: 2,
};

/** What became of an event's points: stored now, or found already stored (a redelivery). */
export type WriteOutcome = 'inserted' | 'duplicate';

/** Counters since start, for tests and service metrics. */
export interface MetricPointsWriterStats {
  /** Batches taken from the buffer (each one insert at most). */
  flushes: number;
  /** Insert statements run. */
  inserts: number;
  insertedEvents: number;
  insertedPoints: number;
  /** Events dropped because they were stored already or buffered twice. */
  duplicateEvents: number;
  failedFlushes: number;
  bufferedPoints: number;
}

interface Waiter {
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
  /** A second add of a buffered event id reports `duplicate` once the first is stored. */
  duplicate: boolean;
}

interface PendingEvent {
  eventId: string;
  runId: string;
  /** The encoded rows, as bytes: a buffer outside the JS heap while it waits (no GC copies it). */
  rows: Buffer;
  points: number;
  addedAt: number;
  /** A caller is waiting for a reply: flush as soon as a flush may start, whatever the size or age. */
  urgent: boolean;
  /** Known not to be stored yet ({@link AddOptions.freshId}): no redelivery check. */
  fresh: boolean;
  waiters: Waiter[];
}

/** Options of one {@link MetricPointsWriter.add}. */
export interface AddOptions {
  /**
   * Store without waiting for the batch's size or age (a request/reply caller waits for the
   * insert): a flush starts as soon as one may, taking everything buffered then, so concurrent
   * callers still share inserts.
   */
  flushNow?: boolean;
  /**
   * The event id was made up for this call (no client-chosen id): it cannot be stored already,
   * so the flush does not look it up.
   */
  freshId?: boolean;
}

/**
 * Buffers the points of `MetricsLogged` events and stores them in batches: one insert per flush,
 * flushed by size or age, up to `maxConcurrentFlushes` flushes at once. `add` resolves only once
 * the event's points are stored (or known stored), so the handler acks after the insert; when a
 * flush fails every event of it is rejected (nak).
 *
 * Deduplication by event id: an id already stored (metric_events), buffered, or in a flush still
 * running is not written again (a second add of an id being flushed waits for that flush, so a
 * lookup never has to see rows a concurrent flush has not inserted yet). Residual gap: two
 * replicas flushing the same redelivered event at the same moment both see it absent; keep the
 * consumer's ack wait well above `maxBatchAgeMs` plus an insert's duration so a message is not
 * redelivered while its first delivery is in a batch.
 * The buffer is bounded by the consumer's max ack pending, since every buffered event is unacked.
 */
export class MetricPointsWriter implements BeforeApplicationShutdown {
  private readonly options: MetricPointsWriterOptions;
  private readonly buffer = new Map<string, PendingEvent>();
  private bufferedPoints = 0;
  private urgentEvents = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Events of the flushes running now, by id. */
  private readonly inFlight = new Map<string, PendingEvent>();
  private readonly flushing = new Set<Promise<void>>();
  private closed = false;
  private readonly counters = {
    flushes: 0,
    inserts: 0,
    insertedEvents: 0,
    insertedPoints: 0,
    duplicateEvents: 0,
    failedFlushes: 0,
  };

  constructor(
    private readonly store: MetricPointsStore,
    options: Partial<MetricPointsWriterOptions> = {},
  ) {
    this.options = { ...DEFAULT_WRITER_OPTIONS, ...options };
  }

  /**
   * Queues the points of event `eventId` of run `runId`. Resolves once they are stored (or were
   * already); rejects with a `ValidationError` at once when a point cannot be stored faithfully
   * (a poison message: dead-letter it), or with a retryable `MetricsWriteError` when the batch
   * insert fails.
   */
  add(
    eventId: string,
    runId: string,
    points: readonly MetricPointInput[],
    options: AddOptions = {},
  ): Promise<WriteOutcome> {
    return this.addRuns(eventId, [{ runId, points }], options);
  }

  /**
   * Queues the points of one event that carries several runs' points (the gateway's coalesced
   * `MetricsBatchLogged`): they are stored in one insert, under the one event id, so a redelivery
   * is recognised as a whole and the writer handles one event, not one per run.
   */
  addRuns(
    eventId: string,
    runs: readonly { runId: string; points: readonly MetricPointInput[] }[],
    options: AddOptions = {},
  ): Promise<WriteOutcome> {
    if (this.closed) return Promise.reject(new MetricsWriterClosedError());
    const flushing = this.inFlight.get(eventId);
    if (flushing) return this.wait(flushing, true);
    const buffered = this.buffer.get(eventId);
    if (buffered) {
      if (options.flushNow) this.markUrgent(buffered);
      const done = this.wait(buffered, true);
      this.kick();
      return done;
    }
    let rows = '';
    let points = 0;
    try {
      for (const run of runs) {
        rows += encodeMetricRows(eventId, run.runId, run.points);
        points += run.points.length;
      }
    } catch (error) {
      return Promise.reject(error);
    }
    if (points === 0) return Promise.resolve('inserted');
    const pending: PendingEvent = {
      eventId,
      // metric_events has a row per (run, event) of the stored points: any run with points finds it.
      runId: runs.find((run) => run.points.length > 0)!.runId,
      rows: Buffer.from(rows),
      points,
      addedAt: Date.now(),
      urgent: false,
      fresh: options.freshId === true,
      waiters: [],
    };
    this.buffer.set(eventId, pending);
    this.bufferedPoints += points;
    if (options.flushNow) this.markUrgent(pending);
    const done = this.wait(pending, false);
    this.kick();
    return done;
  }

  /** Stores everything buffered now, whatever its size or age; resolves when the buffer is empty. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.buffer.size > 0 && this.flushing.size < this.options.maxConcurrentFlushes) this.start(true);
      else if (this.flushing.size > 0) await Promise.race(this.flushing);
      else return;
    }
  }

  /** Refuses new events and stores the buffered ones. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Nest: store buffered points before the ClickHouse client closes (on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.close();
  }

  stats(): MetricPointsWriterStats {
    return { ...this.counters, bufferedPoints: this.bufferedPoints };
  }

  private markUrgent(pending: PendingEvent): void {
    if (pending.urgent) return;
    pending.urgent = true;
    this.urgentEvents++;
  }

  private wait(pending: PendingEvent, duplicate: boolean): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => pending.waiters.push({ resolve, reject, duplicate }));
  }

  /** Starts a flush when one is due and one may start; else makes sure the age timer is set. */
  private kick(): void {
    if (this.flushing.size >= this.options.maxConcurrentFlushes || this.buffer.size === 0) return;
    const oldest = this.buffer.values().next().value as PendingEvent;
    const waited = Date.now() - oldest.addedAt;
    if (
      this.urgentEvents > 0 ||
      this.bufferedPoints >= this.options.maxBatchPoints ||
      waited >= this.options.maxBatchAgeMs
    ) {
      this.start(false);
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.kick();
      }, this.options.maxBatchAgeMs - waited);
    }
  }

  private start(all: boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.take(all ? Infinity : this.options.maxBatchPoints);
    for (const pending of batch) this.inFlight.set(pending.eventId, pending);
    const release = () => {
      for (const pending of batch) this.inFlight.delete(pending.eventId);
      this.flushing.delete(flush);
      this.kick();
    };
    // Started from a microtask, so `flush` is assigned before anything in `write` can release it.
    const flush: Promise<void> = Promise.resolve().then(() => this.write(batch, release));
    this.flushing.add(flush);
  }

  /** Whole events from the front of the buffer, up to `limit` points (at least one event). */
  private take(limit: number): PendingEvent[] {
    const batch: PendingEvent[] = [];
    let points = 0;
    for (const pending of this.buffer.values()) {
      if (batch.length > 0 && points + pending.points > limit) break;
      batch.push(pending);
      points += pending.points;
    }
    for (const pending of batch) {
      this.buffer.delete(pending.eventId);
      if (pending.urgent) this.urgentEvents--;
    }
    this.bufferedPoints -= points;
    return batch;
  }

  /**
   * Looks the batch up, inserts what is new, then settles its waiters. `release` runs before the
   * waiters: they are handlers that go on to add more events, and encoding those first would let
   * the next batch start late (ClickHouse idle a quarter of the time).
   */
  private async write(batch: PendingEvent[], release: () => void): Promise<void> {
    this.counters.flushes++;
    let stored: Set<string>;
    try {
      const maybeStored = batch.filter((pending) => !pending.fresh);
      stored = maybeStored.length > 0 ? await this.store.storedEventIds(maybeStored) : new Set();
      const fresh = batch.filter((pending) => !stored.has(pending.eventId));
      if (fresh.length > 0) {
        await this.store.insertRows(Buffer.concat(fresh.map((pending) => pending.rows)));
        this.counters.inserts++;
      }
    } catch (cause) {
      release();
      this.counters.failedFlushes++;
      const error = new MetricsWriteError(
        `storing ${batch.length} metric events failed: ${(cause as Error).message}`,
        { events: batch.length },
        { cause },
      );
      for (const pending of batch) for (const waiter of pending.waiters) waiter.reject(error);
      return;
    }
    release();
    for (const pending of batch) {
      const isNew = !stored.has(pending.eventId);
      if (isNew) {
        this.counters.insertedEvents++;
        this.counters.insertedPoints += pending.points;
      }
      for (const waiter of pending.waiters) {
        if (!isNew || waiter.duplicate) this.counters.duplicateEvents++;
        waiter.resolve(isNew && !waiter.duplicate ? 'inserted' : 'duplicate');
      }
    }
  }
}
