import { GetRun, SlipwayError } from '@slipway/contracts';
import type { RpcClient } from '@slipway/messaging';

/**
 * Remembers runs known to exist and not be deleted, so the asynchronous metrics route asks
 * tracking once per run per `ttlMs` instead of once per request. A run deleted meanwhile may
 * still take points for that long (tracking keeps them; a deleted run's metrics are not shown).
 * Concurrent requests for a run not (or no longer) known share one question: a burst of a new
 * run's first points costs tracking one `GetRun`, not one per request.
 */
export class ActiveRunsCache {
  private readonly until = new Map<string, number>();
  private readonly asking = new Map<string, Promise<void>>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxRuns = 100_000,
  ) {}

  async ensureActive(rpc: RpcClient, runId: string): Promise<void> {
    if ((this.until.get(runId) ?? 0) > Date.now()) return;
    let asked = this.asking.get(runId);
    if (!asked) {
      asked = this.ask(rpc, runId).finally(() => this.asking.delete(runId));
      this.asking.set(runId, asked);
    }
    return asked;
  }

  private async ask(rpc: RpcClient, runId: string): Promise<void> {
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
    this.until.set(runId, Date.now() + this.ttlMs);
  }
}
