import type { DependencyCheck } from './dependency-check';
import { withTimeout } from './dependency-check';

/** The state of one dependency in a health report. */
export interface CheckResult {
  status: 'up' | 'down';
  error?: string;
}

/** What `/health/ready` and the `slipway.rpc.<service>.health` RPC answer. */
export interface HealthReport {
  service: string;
  status: 'ok' | 'degraded';
  checks: Record<string, CheckResult>;
  uptimeSeconds: number;
}

/** Runs every check concurrently, each bounded by `timeoutMs`, and folds them into one report. */
export async function buildHealthReport(
  service: string,
  checks: readonly DependencyCheck[],
  startedAt: number,
  timeoutMs: number,
  shuttingDown: boolean,
): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async (c): Promise<[string, CheckResult]> => {
      try {
        await withTimeout(c.check(), timeoutMs, c.name);
        return [c.name, { status: 'up' }];
      } catch (error) {
        return [c.name, { status: 'down', error: error instanceof Error ? error.message : String(error) }];
      }
    }),
  );
  const entries = Object.fromEntries(results);
  if (shuttingDown) entries['lifecycle'] = { status: 'down', error: 'shutting down' };
  const allUp = Object.values(entries).every((r) => r.status === 'up');
  return {
    service,
    status: allUp ? 'ok' : 'degraded',
    checks: entries,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  };
}
