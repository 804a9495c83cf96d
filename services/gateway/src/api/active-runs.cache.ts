import { GetRun, SlipwayError } from '@slipway/contracts';
import type { RpcClient } from '@slipway/messaging';

/**
 * Remembers runs known to exist and not be deleted, so the asynchronous metrics route asks
 * tracking once per run per `ttlMs` instead of once per request. A run deleted meanwhile may
 * still take points for that long (tracking keeps them; a deleted run's metrics are not shown).
 */
export class ActiveRunsCache {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxRuns = 100_000,
  ) {}

  async ensureActive(rpc: RpcClient, runId: string): Promise<void> {
    const now = Date.now();
    if ((this.until.get(runId) ?? 0) > now) return;
    const run = await rpc.request(GetRun, { runId });
    if (run.info.lifecycleStage !== 'active')
      throw new SlipwayError(
        'TRACKING.RUN_INVALID_STATE',
        `run ${runId} is deleted: nothing can be logged to it`,
        {
          runId,
        },
      );
    if (this.until.size >= this.maxRuns) this.until.clear();
    this.until.set(runId, now + this.ttlMs);
  }
}
