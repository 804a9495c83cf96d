import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { chdbInstalled, provideClickHouse, type ClickHouseMode } from './clickhouse/clickhouse-mode';
import { buildSummary } from './console/summary';
import type { Paint } from './logs/paint';
import { LocalStartError } from './local-start.error';
import { provideNats } from './nats/provide-nats';
import { providePostgres } from './postgres/provide-postgres';
import { claimDataHome, removeRunState, writeRunState, type RunState } from './run-state';
import { selectServices } from './services/service-catalog';
import { checkEntries, type RunningService } from './services/service-process';
import { describeExit, startServices, stopServices } from './services/start-services';
import { ServiceExitedError, waitAllReady } from './services/wait-ready';
import type { StartContext } from './start-context';
import type { StopRequest } from './stop-request';

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

/**
 * Starts NATS, Postgres, ClickHouse (or their external URLs) and every service, waits until
 * all are ready, prints the URLs, then runs until `stop` is requested or a service dies;
 * stops everything it started in reverse order. Resolves with the exit code.
 */
export async function runLocalStack(ctx: StartContext, stop: StopRequest, paint: Paint): Promise<number> {
  const started = Date.now();
  const { reporter, home, env } = ctx;
  const stack: Stoppable[] = [];
  const checkStop = () => {
    if (stop.isRequested) throw new LocalStartError('LOCAL.STOP_REQUESTED', 'stop requested while starting');
  };
  let claimed = false;
  try {
    mkdirSync(home.logsDir, { recursive: true });
    await claimDataHome(home.runFile, (m) => reporter.warn(m));
    claimed = true;
    const state: RunState = { pid: process.pid, startedAt: new Date(started).toISOString(), services: {} };
    writeRunState(home.runFile, state);
    reporter.info(`data home ${home.root}`);

    const specs = selectServices(env.SLIPWAY_SERVICES);
    checkEntries(ctx.repoRoot, env.SLIPWAY_SERVICE_ENTRY, specs);
    if (!env.CLICKHOUSE_URL && specs.some((s) => s.usesClickHouse) && !chdbInstalled()) {
      reporter.warn(
        'the optional package chdb is not installed: tracking and serving need it, or CLICKHOUSE_URL',
      );
    }

    const nats = await provideNats(ctx);
    stack.push({ name: 'NATS', stop: nats.stop });
    reporter.info(`NATS ${nats.displayUrl}: ${nats.description}`);
    state.nats = { url: nats.url, pid: nats.pid };
    checkStop();

    const postgres = await providePostgres(ctx);
    stack.push({ name: 'Postgres', stop: postgres.stop });
    reporter.info(`Postgres ${postgres.displayUrl}: ${postgres.description}`);
    state.postgres = { url: postgres.url, pid: postgres.pid };
    checkStop();

    const clickhouse = await provideClickHouse(
      env.CLICKHOUSE_URL,
      home,
      specs.filter((s) => s.usesClickHouse).map((s) => s.name),
    );
    const services = await startServices(ctx, specs, {
      natsUrl: nats.url,
      databaseUrl: postgres.url,
      clickhouse,
    });
    stack.push({ name: 'services', stop: () => stopServices(ctx, services) });
    for (const s of services)
      state.services[s.spec.name] = { pid: s.process.pid, port: s.port, url: s.baseUrl };
    writeRunState(home.runFile, state);
    reporter.info(
      `started ${services.map((s) => `${s.spec.name}:${s.port}`).join(', ')}; waiting for /health/ready`,
    );

    await waitAllReady(services, {
      timeoutMs: env.SLIPWAY_READY_TIMEOUT_SECONDS * 1000,
      stopRequested: () => stop.isRequested,
      onReady: (s, ms) => reporter.info(`${s.spec.name} is ready (${(ms / 1000).toFixed(1)} s)`),
    });
    const elapsedMs = Date.now() - started;
    writeRunState(home.runFile, { ...state, readyAt: new Date().toISOString() });
    reporter.block(
      buildSummary(
        {
          elapsedMs,
          services: services.map((s) => ({ name: s.spec.name, baseUrl: s.baseUrl, readyUrl: s.readyUrl })),
          nats,
          postgres,
          clickhouse: describeClickHouse(clickhouse),
          logsDir: home.logsDir,
          adminToken: services.some((s) => s.spec.name === 'gateway')
            ? readAdminToken(home.adminTokenFile, started)
            : undefined,
        },
        paint,
      ),
    );
    watchForCrashes(ctx, services, stop);
    await stop.requested;
    return await stopAll(ctx, stack, stop.exitCode, stop.reason);
  } catch (error) {
    if (stop.isRequested) return await stopAll(ctx, stack, stop.exitCode, stop.reason);
    reportStartFailure(ctx, error);
    return await stopAll(ctx, stack, 1, 'start failed');
  } finally {
    if (claimed) removeRunState(home.runFile);
  }
}

/** The admin token file; its secret only when this start wrote it (first start), so it is shown once. */
function readAdminToken(file: string, startedAt: number): { secret?: string; file: string } | undefined {
  if (!existsSync(file)) return undefined;
  const createdNow = statSync(file).mtimeMs >= startedAt;
  return createdNow ? { secret: readFileSync(file, 'utf8').trim(), file } : { file };
}

function watchForCrashes(ctx: StartContext, services: RunningService[], stop: StopRequest): void {
  for (const service of services) {
    void service.process.exited.then((exit) => {
      if (stop.isRequested) return;
      ctx.reporter.error(
        `${service.spec.name} exited unexpectedly (${describeExit(exit)}); stopping everything`,
      );
      stop.request(`${service.spec.name} exited`, 1);
    });
  }
}

function reportStartFailure(ctx: StartContext, error: unknown): void {
  if (error instanceof ServiceExitedError) {
    const lines = error.details.slice(-25);
    ctx.reporter.error(
      `${error.service.spec.name} exited before it was ready (${describeExit(error.exit)}); its last ${lines.length} lines:`,
    );
    ctx.reporter.replay(error.service.spec.name, lines);
    return;
  }
  if (error instanceof LocalStartError) {
    for (const line of error.message.split('\n')) ctx.reporter.error(line);
    for (const line of error.details.slice(-25)) ctx.reporter.info(line);
    return;
  }
  ctx.reporter.error(
    `unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
}

async function stopAll(
  ctx: StartContext,
  stack: Stoppable[],
  exitCode: number,
  reason: string | undefined,
): Promise<number> {
  if (stack.length > 0) ctx.reporter.info(`stopping (${reason ?? 'done'})…`);
  for (const item of [...stack].reverse()) {
    try {
      await item.stop();
    } catch (error) {
      ctx.reporter.warn(`could not stop ${item.name}: ${(error as Error).message}`);
    }
  }
  if (stack.length > 0) ctx.reporter.info('stopped');
  return exitCode;
}

function describeClickHouse(mode: ClickHouseMode): string {
  return mode.kind === 'server'
    ? `${mode.url} (CLICKHOUSE_URL)`
    : `embedded chDB, one data folder per service under ${mode.root}`;
}
