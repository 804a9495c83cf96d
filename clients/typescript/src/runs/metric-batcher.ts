import { newBatchId } from '../ids';
import { toWireValue, type WireMetricValue } from '../schemas/metric-value';

/** A metric point as the log-batch route takes it. */
export interface WirePoint {
  key: string;
  value: WireMetricValue;
  step: number;
  timestamp: number;
}

/** A key and value (a param or a tag). */
export interface KeyValue {
  key: string;
  value: string;
}

/** The body of one `POST /runs/:runId/batch`; `batchId` stays the same on every retry of it. */
export interface BatchBody {
  batchId: string;
  metrics: WirePoint[];
  params: KeyValue[];
  tags: KeyValue[];
}

/** How a {@link MetricBatcher} groups writes. */
export interface BatcherOptions {
  /** Points that trigger a flush; also the most per request. Default 1000 (the API's limit). */
  maxPoints: number;
  /** A flush happens this many ms after the first buffered point at the latest. Default 1000. */
  flushIntervalMs: number;
}

/** The API's limits per log-batch request. */
export const BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100 } as const;

/**
 * Buffers metric points, params and tags of one run and sends them in batches: at `maxPoints`
 * points, `flushIntervalMs` after the first buffered one, or on {@link flush}. Batches go one at
 * a time, in order; each has its own fresh `batchId`, which the sender reuses on its retries so
 * a retried batch is never stored twice. A batch that fails for good is dropped and its error
 * is thrown by the next {@link flush}.
 */
export class MetricBatcher {
  private metrics: WirePoint[] = [];
  private params: KeyValue[] = [];
  private tags: KeyValue[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sending: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly send: (batch: BatchBody) => Promise<void>,
    private readonly options: BatcherOptions,
  ) {}

  /** Points and params/tags not yet handed to the sender. */
  get pending(): number {
    return this.metrics.length + this.params.length + this.tags.length;
  }

  /** Buffers one point (NaN and ±Infinity allowed). */
  addMetric(key: string, value: number, step = 0, timestamp = Date.now()): void {
    this.metrics.push({ key, value: toWireValue(value), step, timestamp });
    if (this.metrics.length >= this.options.maxPoints) this.startFlush();
    else this.schedule();
  }

  /** Buffers params and tags; they go with the next flush. */
  addParamsAndTags(params: KeyValue[], tags: KeyValue[]): void {
    this.params.push(...params);
    this.tags.push(...tags);
    this.schedule();
  }

  /**
   * Sends everything buffered and waits for every batch so far; rejects with the first error of a
   * batch that failed since the last flush (its points are lost: they are not stored).
   */
  async flush(): Promise<void> {
    this.startFlush();
    await this.sending;
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }

  /** Stops the timer (nothing buffered is sent). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.startFlush(), this.options.flushIntervalMs);
    // In Node, a pending flush must not keep the process alive: `beforeExit` flushes instead.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private startFlush(): void {
    this.dispose();
    for (const batch of this.drain()) {
      this.sending = this.sending.then(() =>
        this.send(batch).catch((error: unknown) => {
          this.failure ??= error;
        }),
      );
    }
  }

  private *drain(): Generator<BatchBody> {
    const size = Math.min(this.options.maxPoints, BATCH_LIMITS.metrics);
    while (this.pending > 0) {
      yield {
        batchId: newBatchId(),
        metrics: this.metrics.splice(0, size),
        params: this.params.splice(0, BATCH_LIMITS.params),
        tags: this.tags.splice(0, BATCH_LIMITS.tags),
      };
    }
  }
}
