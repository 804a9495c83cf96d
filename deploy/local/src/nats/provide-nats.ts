import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStartError } from '../local-start.error';
import { LogFile } from '../process/log-file';
import { ManagedProcess } from '../process/managed-process';
import { waitUntil } from '../process/wait-until';
import type { Infrastructure, StartContext } from '../start-context';
import { findNatsServer, NATS_INSTALL_HELP } from './find-nats-server';
import { natsAddress, probeNats } from './nats-probe';

const NATS_HOST = '127.0.0.1';
const DEFAULT_NATS_PORT = 4222;

/** `NATS_URL` when set (checked), else a `nats-server` with JetStream started in the data home. */
export async function provideNats(ctx: StartContext): Promise<Infrastructure> {
  return ctx.env.NATS_URL ? useExternalNats(ctx, ctx.env.NATS_URL) : startNatsServer(ctx);
}

async function useExternalNats(ctx: StartContext, urls: string): Promise<Infrastructure> {
  for (const url of urls.split(',')) {
    const { host, port } = natsAddress(url);
    const info = await probeNats(host, port);
    if (!info) continue;
    if (!info.jetstream)
      ctx.reporter.warn(`NATS at ${url.trim()} does not report JetStream; start it with -js`);
    return {
      url: urls,
      displayUrl: urls,
      description: `external (NATS_URL), server ${info.version ?? 'unknown'}`,
      stop: async () => undefined,
    };
  }
  throw new LocalStartError('LOCAL.NATS_UNREACHABLE', `NATS_URL=${urls}: no NATS server answers there.`, [
    'Start one (nats-server -js) or unset NATS_URL to let npm start run its own.',
  ]);
}

async function startNatsServer(ctx: StartContext): Promise<Infrastructure> {
  const binary = findNatsServer(process.env.PATH);
  if (!binary) throw new LocalStartError('LOCAL.NATS_NOT_INSTALLED', NATS_INSTALL_HELP);
  const choice = await ctx.ports.allocate(DEFAULT_NATS_PORT, NATS_HOST);
  if (choice.reason)
    ctx.reporter.info(`NATS: ${choice.reason} (another nats-server?), using port ${choice.port}`);
  mkdirSync(ctx.home.natsDir, { recursive: true });
  const log = new LogFile(join(ctx.home.logsDir, 'nats.log'));
  const nats = new ManagedProcess({
    name: 'nats-server',
    command: binary,
    args: ['-js', '-sd', ctx.home.natsDir, '-a', NATS_HOST, '-p', String(choice.port), '-n', 'slipway-local'],
    onLine: (line) => log.write(line),
  });
  const info = await waitUntil(() => probeNats(NATS_HOST, choice.port, 500), {
    timeoutMs: 20_000,
    abort: () => (nats.hasExited ? new Error('nats-server exited') : undefined),
  }).catch(() => undefined);
  if (!info?.jetstream) {
    await nats.stop('SIGKILL', 1000);
    await log.close();
    throw new LocalStartError(
      'LOCAL.NATS_START_FAILED',
      `nats-server did not start on port ${choice.port} (log: ${log.path})`,
      nats.lastLines(),
    );
  }
  const url = `nats://${NATS_HOST}:${choice.port}`;
  return {
    url,
    displayUrl: url,
    description: `nats-server ${info.version ?? ''} started here, pid ${nats.pid}, JetStream data in ${ctx.home.natsDir}`,
    pid: nats.pid,
    stop: async () => {
      const result = await nats.stop('SIGTERM', ctx.stopTimeoutMs);
      if (result.forced) ctx.reporter.warn('nats-server did not stop in time: killed');
      await log.close();
    },
  };
}
