import { LocalStartError } from '../local-start.error';
import type { ProcessExit } from '../process/managed-process';
import { probeHealth } from './health-probe';
import type { RunningService } from './service-process';

/** A service process ended before it was ready. */
export class ServiceExitedError extends LocalStartError {
  constructor(
    readonly service: RunningService,
    readonly exit: ProcessExit,
  ) {
    super(
      'LOCAL.SERVICE_EXITED',
      `${service.spec.name} exited before it was ready`,
      service.process.lastLines(),
    );
  }
}

/**
 * Resolves when every service answers 200 on `/health/ready`; throws when one exits,
 * when `timeoutMs` passes (naming the ones not ready and their last answer), or when
 * `stopRequested` says so.
 */
export async function waitAllReady(
  services: RunningService[],
  options: {
    timeoutMs: number;
    onReady?: (service: RunningService, elapsedMs: number) => void;
    stopRequested: () => boolean;
  },
): Promise<void> {
  const started = Date.now();
  const pending = new Map(services.map((s) => [s.spec.name, s]));
  const lastAnswer = new Map<string, string>();
  while (pending.size > 0) {
    if (options.stopRequested())
      throw new LocalStartError('LOCAL.STOP_REQUESTED', 'stop requested while starting');
    const exited = [...pending.values()].find((s) => s.process.hasExited);
    if (exited) {
      throw new ServiceExitedError(exited, await exited.process.exited);
    }
    await Promise.all(
      [...pending.values()].map(async (service) => {
        const answer = await probeHealth(service.readyUrl, 1000);
        lastAnswer.set(service.spec.name, answer.detail);
        if (answer.ready && pending.delete(service.spec.name))
          options.onReady?.(service, Date.now() - started);
      }),
    );
    if (pending.size === 0) return;
    if (Date.now() - started > options.timeoutMs) {
      throw new LocalStartError(
        'LOCAL.READY_TIMEOUT',
        `not ready after ${Math.round(options.timeoutMs / 1000)} s: ${[...pending.keys()].join(', ')} (SLIPWAY_READY_TIMEOUT_SECONDS)`,
        [...pending.values()].map(
          (s) => `${s.spec.name}: GET ${s.readyUrl} → ${lastAnswer.get(s.spec.name) ?? 'no answer'}`,
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
