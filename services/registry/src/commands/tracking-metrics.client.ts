import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommonErrorCodes, GetRun, SlipwayError } from '@slipway/contracts';
import { RpcClient } from '@slipway/messaging';
import { NATS_CONNECTION } from '@slipway/runtime';
import { type Metrics, RegistryErrorCodes } from '../models';

/** Options of the {@link TrackingMetricsClient}; default timeout 2000 ms. */
export const TRACKING_METRICS_OPTIONS = Symbol('TRACKING_METRICS_OPTIONS');
export interface TrackingMetricsOptions {
  readonly timeoutMs?: number;
}

/** Tracking's code for an unknown run (its own service; only the code crosses the wire). */
const RUN_NOT_FOUND = 'TRACKING.RUN_NOT_FOUND';

/**
 * Tracking did not answer (no replica, timeout). Not `permanent`: the same request may succeed
 * once tracking is back, so callers can retry.
 */
export class TrackingUnavailableError extends SlipwayError {
  constructor(runId: string, cause: unknown) {
    super(
      RegistryErrorCodes.TRACKING_UNAVAILABLE,
      `tracking is unavailable: the metrics of run ${runId} for the promotion gates could not be fetched` +
        (cause instanceof Error ? ` (${cause.message})` : ''),
      { runId },
      { cause },
    );
    this.name = 'TrackingUnavailableError';
  }
}

/** Fetches a run's latest metric values from tracking over NATS (`slipway.rpc.tracking.run.get`). */
@Injectable()
export class TrackingMetricsClient {
  private readonly rpc: RpcClient;

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    @Optional() @Inject(TRACKING_METRICS_OPTIONS) options?: TrackingMetricsOptions,
  ) {
    this.rpc = new RpcClient(nc, { timeoutMs: options?.timeoutMs ?? 2_000 });
  }

  /**
   * The latest value of each metric of `runId`, or `null` when tracking has no such run.
   * @throws {@link TrackingUnavailableError} when tracking does not answer.
   */
  async latestMetrics(runId: string): Promise<Metrics | null> {
    try {
      const run = await this.rpc.request(GetRun, { runId });
      return Object.fromEntries(run.metrics.map((m) => [m.key, m.latest]));
    } catch (error) {
      if (error instanceof SlipwayError && error.code === RUN_NOT_FOUND) return null;
      if (error instanceof SlipwayError && error.code === CommonErrorCodes.UNAVAILABLE)
        throw new TrackingUnavailableError(runId, error);
      throw error;
    }
  }
}

/** What gate evaluation needs of tracking (the client, or a stand-in in unit tests). */
export type RunMetricsSource = Pick<TrackingMetricsClient, 'latestMetrics'>;
