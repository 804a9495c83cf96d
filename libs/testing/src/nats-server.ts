import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findFreePort } from './free-port';

/** A nats-server with JetStream that a test suite may use. */
export interface TestNatsServer {
  /** `nats://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The JetStream store directory ('' for an external server). */
  storeDir: string;
  /** True when the server came from `NATS_URL`: use a unique subject root, and never restart it. */
  external: boolean;
  /** Kills the server and removes its store directory (a no-op for an external server). */
  stop(): Promise<void>;
  /** Kills the server but keeps its store, to simulate an outage; `restart()` brings it back. */
  stopKeepingStore(): Promise<void>;
  /** Kills the server (if running) and starts it again on the same port with the same store. */
  restart(): Promise<void>;
}

/** Options of {@link startNatsServer}. */
export interface StartNatsServerOptions {
  /** The nats-server binary; default: `NATS_SERVER_BIN`, else `nats-server` on PATH, else `/usr/sbin/nats-server`. */
  binary?: string;
  /** A fixed port; default: a free one. */
  port?: number;
  /** How long to wait for the server to accept connections; default 10 000 ms. */
  startTimeoutMs?: number;
}

const FALLBACK_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin', '/opt/homebrew/bin'];

/** The path of the nats-server binary, or a clear error saying how to get one. */
export function findNatsServerBinary(explicit = process.env['NATS_SERVER_BIN']): string {
  if (explicit) return explicit;
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter).filter(Boolean), ...FALLBACK_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, 'nats-server');
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error(
    'nats-server not found on PATH nor in /usr/sbin: install it (apt install nats-server, brew install nats-server, ' +
      'or https://github.com/nats-io/nats-server/releases), set NATS_SERVER_BIN, or point NATS_URL at a running server',
  );
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Processes still running when the test process exits are killed, so no server outlives its suite. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function spawnServer(
  binary: string,
  port: number,
  storeDir: string,
  timeoutMs: number,
): Promise<ChildProcess> {
  const child = spawn(binary, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  let exited: string | undefined;
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  child.once('exit', (code, signal) => {
    running.delete(child);
    exited = `exited with ${code ?? signal}`;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`cannot run ${binary}: ${spawnError.message}`);
    if (exited) throw new Error(`nats-server on port ${port} ${exited}:\n${output}`);
    // "Server is ready" is logged once JetStream is up; the TCP probe covers servers that log elsewhere.
    if (output.includes('Server is ready') && (await canConnect(port))) return child;
    await sleep(25);
  }
  child.kill('SIGKILL');
  throw new Error(`nats-server on port ${port} not ready after ${timeoutMs} ms:\n${output}`);
}

async function killServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a private nats-server with JetStream on 127.0.0.1, a free port and a temporary store.
 * It starts in milliseconds, so each integration suite can own one.
 */
export async function startNatsServer(opts: StartNatsServerOptions = {}): Promise<TestNatsServer> {
  const binary = findNatsServerBinary(opts.binary);
  const timeoutMs = opts.startTimeoutMs ?? 10_000;
  const storeDir = await mkdtemp(join(tmpdir(), 'slipway-nats-'));
  let port = opts.port ?? 0;
  let child: ChildProcess | undefined;
  // A free port can be taken between the probe and the spawn: try again with another one.
  for (let attempt = 0; !child; attempt++) {
    const candidate = port || (await findFreePort());
    try {
      child = await spawnServer(binary, candidate, storeDir, timeoutMs);
      port = candidate;
    } catch (err) {
      if (opts.port || attempt >= 2) {
        await rm(storeDir, { recursive: true, force: true });
        throw err;
      }
    }
  }
  let current: ChildProcess = child;
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    external: false,
    async stop() {
      await killServer(current);
      await rm(storeDir, { recursive: true, force: true });
    },
    async stopKeepingStore() {
      await killServer(current);
    },
    async restart() {
      await killServer(current);
      current = await spawnServer(binary, port, storeDir, timeoutMs);
    },
  };
}

/**
 * The NATS server of an integration suite: `NATS_URL` when set (then the caller must use its own
 * subject root, as other suites share the server), else a private server from {@link startNatsServer}.
 */
export async function natsServerForTests(opts: StartNatsServerOptions = {}): Promise<TestNatsServer> {
  const external = process.env['NATS_URL'];
  if (!external) return startNatsServer(opts);
  const port = Number(
    new URL(
      external
        .split(',')[0]!
        .trim()
        .replace(/^nats:/, 'http:'),
    ).port || 4222,
  );
  return {
    url: external,
    port,
    storeDir: '',
    external: true,
    stop: async () => undefined,
    stopKeepingStore: async () => {
      throw new Error('natsServerForTests: cannot stop the external server of NATS_URL');
    },
    restart: async () => {
      throw new Error('natsServerForTests: cannot restart the external server of NATS_URL');
    },
  };
}
