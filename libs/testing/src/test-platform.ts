import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from './free-port';
import { startNatsServer, type TestNatsServer } from './nats-server';
import { createTestDatabase, type TestDatabase } from './test-database';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const READY_TIMEOUT_MS = 90_000;

/** Slipway services a test platform can run, each as its own process. */
export type PlatformService = 'gateway' | 'tracking' | 'registry' | 'pipeline' | 'serving' | 'notifier';

export interface TestPlatformOptions {
  services: readonly PlatformService[];
  /** Extra environment per service (`{ registry: { REGISTRY_POLICY: '…' } }`). */
  env?: Partial<Record<PlatformService, Record<string, string>>>;
  /** Extra node flags per service (`{ gateway: ['--cpu-prof'] }`), for benchmarks and profiling. */
  nodeArgs?: Partial<Record<PlatformService, string[]>>;
}

/** A running platform for end-to-end tests: real NATS, Postgres, chDB, services as processes. */
export interface TestPlatform {
  natsUrl: string;
  databaseUrl: string;
  /** `http://127.0.0.1:<port>` of each service started. */
  urls: Partial<Record<PlatformService, string>>;
  /** The gateway's base URL (when it runs). */
  gatewayUrl: string;
  /** An admin API token of the gateway. */
  adminToken: string;
  /** What the service processes printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts nats-server, a fresh Postgres database and the chosen services as processes
 * (`node -r @swc-node/register services/<name>/src/main.ts`), and waits until every
 * `/health/ready` answers 200. Services never import each other, so a test of one service that
 * needs another talks to it as a user would: this way.
 */
export async function startTestPlatform(options: TestPlatformOptions): Promise<TestPlatform> {
  const nats: TestNatsServer = await startNatsServer();
  const db: TestDatabase = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'slipway-platform-'));
  const adminToken = `slw_test_${randomBytes(16).toString('hex')}`;
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  const urls: Partial<Record<PlatformService, string>> = {};
  const stop = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    await db.drop().catch(() => undefined);
    await nats.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (const service of options.services) {
      const port = await findFreePort();
      const child = spawn(
        process.execPath,
        [
          ...(options.nodeArgs?.[service] ?? []),
          '-r',
          '@swc-node/register',
          `services/${service}/src/main.ts`,
        ],
        {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            NATS_URL: nats.url,
            DATABASE_URL: db.url,
            CLICKHOUSE_URL: '',
            CLICKHOUSE_DATA_PATH: join(dataDir, service),
            HTTP_HOST: '127.0.0.1',
            HTTP_PORT: String(port),
            LOG_LEVEL: process.env['SLIPWAY_TEST_LOG_LEVEL'] ?? 'warn',
            GATEWAY_ADMIN_TOKEN: adminToken,
            ...options.env?.[service],
          },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        },
      );
      for (const stream of [child.stdout, child.stderr])
        stream?.on('data', (chunk: Buffer) => logs.push(`[${service}] ${chunk.toString()}`));
      children.push(child);
      urls[service] = `http://127.0.0.1:${port}`;
    }
    await Promise.all(
      options.services.map((service) => waitReady(urls[service]!, service, children, () => logs.join(''))),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    natsUrl: nats.url,
    databaseUrl: db.url,
    urls,
    gatewayUrl: urls.gateway ?? '',
    adminToken,
    output: () => logs.join(''),
    stop,
  };
}

async function waitReady(
  url: string,
  service: string,
  children: ChildProcess[],
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const exited = children.find((c) => c.exitCode !== null);
    if (exited) throw new Error(`a service exited with ${exited.exitCode} while starting:\n${output()}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`${service} not ready in ${READY_TIMEOUT_MS} ms:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 15_000);
  await exited;
  clearTimeout(timer);
}
