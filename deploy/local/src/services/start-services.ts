import type { ClickHouseMode } from '../clickhouse/clickhouse-mode';
import type { StartContext } from '../start-context';
import type { ServiceSpec } from './service-catalog';
import { buildServiceEnv } from './service-env';
import { reachableHost } from './health-probe';
import { serviceEntry, spawnService, type RunningService } from './service-process';

/** Picks each service's HTTP port (base + offset, or a free one) and starts them all. */
export async function startServices(
  ctx: StartContext,
  specs: ServiceSpec[],
  deps: { natsUrl: string; databaseUrl: string; clickhouse: ClickHouseMode },
): Promise<RunningService[]> {
  const ports: number[] = [];
  for (const spec of specs) {
    const choice = await ctx.ports.allocate(
      ctx.env.SLIPWAY_HTTP_PORT_BASE + spec.portOffset,
      ctx.env.HTTP_HOST,
    );
    if (choice.reason) ctx.reporter.info(`${spec.name}: ${choice.reason}, using port ${choice.port}`);
    ports.push(choice.port);
  }
  return specs.map((spec, i) =>
    spawnService({
      spec,
      entry: serviceEntry(ctx.env.SLIPWAY_SERVICE_ENTRY, spec.name),
      repoRoot: ctx.repoRoot,
      env: buildServiceEnv({
        spec,
        inherited: process.env,
        env: ctx.env,
        ...deps,
        port: ports[i],
        adminTokenFile: ctx.home.adminTokenFile,
      }),
      host: reachableHost(ctx.env.HTTP_HOST),
      port: ports[i],
      reporter: ctx.reporter,
    }),
  );
}

/** SIGTERM to every service at once; SIGKILL for any still running after the stop timeout. */
export async function stopServices(ctx: StartContext, services: RunningService[]): Promise<void> {
  await Promise.all(
    services.map(async (service) => {
      const result = await service.process.stop('SIGTERM', ctx.stopTimeoutMs);
      if (result.forced)
        ctx.reporter.warn(`${service.spec.name} did not stop within ${ctx.stopTimeoutMs / 1000} s: killed`);
    }),
  );
}

/** `code 1` or `signal SIGSEGV`. */
export function describeExit(exit: { code: number | null; signal: NodeJS.Signals | null }): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}
