import { SdkErrorCodes, SlipwayError } from '../errors';
import type { HttpClient } from '../http/http-client';
import { z } from 'zod';
import {
  logBatchResultSchema,
  runInfoSchema,
  type DatasetInput,
  type RunInfo,
  type RunStatus,
} from '../schemas/tracking.schemas';
import { flushOnExit, forgetOnExit } from './exit-flush';
import { MetricBatcher, type BatchBody, type BatcherOptions, type KeyValue } from './metric-batcher';

/** Param values as a record; numbers and booleans are sent as their string form. */
export type ParamRecord = Record<string, string | number | boolean>;

/** A run being logged: metrics are buffered and sent in batches; `end()` flushes and closes it. */
export class RunHandle {
  /** The run's id. */
  readonly runId: string;
  /** The run's attributes when it was created. */
  readonly info: RunInfo;
  private readonly batcher: MetricBatcher;
  private ended = false;

  /** @internal Use `Slipway.startRun`. */
  constructor(
    private readonly http: HttpClient,
    info: RunInfo,
    options: BatcherOptions,
  ) {
    this.info = info;
    this.runId = info.runId;
    this.batcher = new MetricBatcher((batch) => this.sendBatch(batch), options);
    flushOnExit(this.batcher);
  }

  /** Buffers one metric point (step default 0, timestamp now); sent with the next batch. */
  logMetric(key: string, value: number, step?: number, timestamp?: number): void {
    this.assertOpen();
    this.batcher.addMetric(key, value, step ?? 0, timestamp ?? Date.now());
  }

  /** Buffers several metrics of the same step: `logMetrics({ f1: 0.97, accuracy: 0.99 }, 3)`. */
  logMetrics(metrics: Record<string, number>, step?: number): void {
    const timestamp = Date.now();
    for (const [key, value] of Object.entries(metrics)) this.logMetric(key, value, step, timestamp);
  }

  /** Logs params (immutable: another value for a logged key is `TRACKING.PARAM_CONFLICT`) and flushes. */
  async logParams(params: ParamRecord): Promise<void> {
    this.assertOpen();
    this.batcher.addParamsAndTags(toKeyValues(params), []);
    await this.batcher.flush();
  }

  /** Sets tags and flushes. */
  async setTags(tags: Record<string, string>): Promise<void> {
    this.assertOpen();
    this.batcher.addParamsAndTags([], toKeyValues(tags));
    await this.batcher.flush();
  }

  /**
   * Records datasets the run used (MLflow's `log_input`): `{ dataset: { name, digest, sourceType,
   * source }, tags: [{ key: 'mlflow.data.context', value: 'training' }] }`. Logging one again
   * changes nothing, so a retry is safe.
   */
  async logInputs(datasets: DatasetInput[]): Promise<void> {
    this.assertOpen();
    await this.http.json(
      {
        method: 'POST',
        path: `/runs/${encodeURIComponent(this.runId)}/inputs`,
        body: { datasets },
        idempotent: true,
      },
      z.object({}),
    );
  }

  /** Sends everything buffered; rejects with the error of a batch that failed since the last flush. */
  flush(): Promise<void> {
    return this.batcher.flush();
  }

  /**
   * Flushes and ends the run with `status` (default FINISHED). The run is ended even when the
   * flush failed; the flush's error is thrown afterwards.
   */
  async end(status: Extract<RunStatus, 'FINISHED' | 'FAILED' | 'KILLED'> = 'FINISHED'): Promise<RunInfo> {
    this.assertOpen();
    let flushError: unknown;
    await this.batcher.flush().catch((error: unknown) => (flushError = error));
    this.ended = true;
    forgetOnExit(this.batcher);
    this.batcher.dispose();
    const info = await this.http.json(
      {
        method: 'PATCH',
        path: `/runs/${encodeURIComponent(this.runId)}`,
        body: { status, endTime: Date.now() },
        idempotent: true,
      },
      runInfoSchema,
    );
    if (flushError !== undefined) throw flushError;
    return info;
  }

  private async sendBatch(batch: BatchBody): Promise<void> {
    await this.http.json(
      {
        method: 'POST',
        path: `/runs/${encodeURIComponent(this.runId)}/batch`,
        body: batch,
        idempotent: true,
      },
      logBatchResultSchema,
    );
  }

  private assertOpen(): void {
    if (this.ended)
      throw new SlipwayError(
        SdkErrorCodes.INVALID_ARGUMENT,
        `run ${this.runId} has ended; start another run`,
      );
  }
}

function toKeyValues(record: Record<string, string | number | boolean>): KeyValue[] {
  return Object.entries(record).map(([key, value]) => ({ key, value: String(value) }));
}
