import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStartError } from '../local-start.error';
import { LogFile } from '../process/log-file';
import { ManagedProcess } from '../process/managed-process';
import { waitUntil } from '../process/wait-until';
import type { Infrastructure, StartContext } from '../start-context';
import { loadEmbeddedPostgres } from './embedded-postgres.loader';
import { ensureDatabase, withPostgres } from './postgres-client';
import { loadOrCreatePassword } from './postgres-password';
import { postgresUrl, redactPostgresUrl } from './postgres-url';
import { ensureTraversable, postgresUserIds } from './run-as-postgres-user';

const PG_HOST = '127.0.0.1';
const DEFAULT_PG_PORT = 5432;
const PG_USER = 'postgres';
/** The one database of all services; each owns a schema in it. */
export const SLIPWAY_DATABASE = 'slipway';

/** `DATABASE_URL` when set (checked), else embedded Postgres in the data home with database `slipway`. */
export async function providePostgres(ctx: StartContext): Promise<Infrastructure> {
  return ctx.env.DATABASE_URL ? useExternalPostgres(ctx.env.DATABASE_URL) : startEmbeddedPostgres(ctx);
}

async function useExternalPostgres(url: string): Promise<Infrastructure> {
  const displayUrl = redactPostgresUrl(url);
  try {
    await withPostgres(url, (client) => client.query('SELECT 1'));
  } catch (error) {
    throw new LocalStartError(
      'LOCAL.POSTGRES_UNREACHABLE',
      `DATABASE_URL=${displayUrl}: ${(error as Error).message}`,
      ['Check the server runs and the database exists, or unset DATABASE_URL to use embedded Postgres.'],
    );
  }
  return { url, displayUrl, description: 'external (DATABASE_URL)', stop: async () => undefined };
}

async function startEmbeddedPostgres(ctx: StartContext): Promise<Infrastructure> {
  const embedded = await loadEmbeddedPostgres();
  const dataDir = ctx.home.postgresDir;
  mkdirSync(join(dataDir, '..'), { recursive: true });
  ensureTraversable(dataDir, ctx.home.root);
  const password = loadOrCreatePassword(ctx.home.postgresPasswordFile);
  const log = new LogFile(join(ctx.home.logsDir, 'postgres.log'));
  const choice = await ctx.ports.allocate(DEFAULT_PG_PORT, PG_HOST);
  if (choice.reason)
    ctx.reporter.info(`Postgres: ${choice.reason} (another Postgres?), using port ${choice.port}`);

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new LocalStartError(
        'LOCAL.PG_DIR_NOT_EMPTY',
        `${dataDir} is not empty but holds no Postgres cluster.`,
        ['Move it away or set SLIPWAY_HOME elsewhere.'],
      );
    }
    ctx.reporter.info(`Postgres: first run, initialising a cluster in ${dataDir}`);
    const cluster = embedded.create({
      databaseDir: dataDir,
      port: choice.port,
      user: PG_USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog: (message) => log.write(message.trimEnd()),
      onError: (error) => log.write(`ERROR ${error instanceof Error ? error.message : String(error)}`),
    });
    try {
      await cluster.initialise();
    } catch (error) {
      await log.close();
      throw new LocalStartError(
        'LOCAL.PG_INIT_FAILED',
        `initdb failed: ${(error as Error).message}`,
        [`log: ${log.path}`],
        { cause: error },
      );
    }
  }

  const server = new ManagedProcess({
    name: 'postgres',
    command: embedded.postgresBinary,
    args: [
      '-D',
      dataDir,
      '-p',
      String(choice.port),
      '-c',
      `listen_addresses=${PG_HOST}`,
      '-c',
      'unix_socket_directories=',
    ],
    ...postgresUserIds(),
    onLine: (line) => log.write(line),
  });
  const adminUrl = postgresUrl({
    user: PG_USER,
    password,
    host: PG_HOST,
    port: choice.port,
    database: 'postgres',
  });
  const ready = await waitUntil(
    () => withPostgres(adminUrl, () => Promise.resolve(true), 1000).catch(() => undefined),
    {
      timeoutMs: 60_000,
      intervalMs: 200,
      abort: () => (server.hasExited ? new Error('postgres exited') : undefined),
    },
  ).catch(() => undefined);
  if (!ready) {
    await server.stop('SIGKILL', 1000);
    await log.close();
    throw new LocalStartError(
      'LOCAL.PG_START_FAILED',
      `Postgres did not start on port ${choice.port} (log: ${log.path})`,
      server.lastLines(),
    );
  }
  if (await ensureDatabase(adminUrl, SLIPWAY_DATABASE))
    ctx.reporter.info(`Postgres: created database ${SLIPWAY_DATABASE}`);

  const url = postgresUrl({
    user: PG_USER,
    password,
    host: PG_HOST,
    port: choice.port,
    database: SLIPWAY_DATABASE,
  });
  return {
    url,
    displayUrl: redactPostgresUrl(url),
    description: `embedded, pid ${server.pid}, data in ${dataDir}, password in ${ctx.home.postgresPasswordFile}`,
    pid: server.pid,
    stop: async () => {
      // SIGINT is Postgres' "fast shutdown": roll back open transactions, checkpoint, exit.
      const result = await server.stop('SIGINT', ctx.stopTimeoutMs + 5000);
      if (result.forced) ctx.reporter.warn('Postgres did not stop in time: killed');
      await log.close();
    },
  };
}
