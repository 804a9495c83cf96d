import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { readRunState, type RunState } from './run-state';
import { SERVICE_NAMES } from './services/service-catalog';
import { canConnect, isPortFreeOn } from './ports/tcp-ports';

const repoRoot = resolve(__dirname, '..', '..', '..');
const READY_TIMEOUT_MS = 150_000;
const STOP_TIMEOUT_MS = 30_000;

/** One `npm start` (the same command, run through node so SIGINT reaches it directly). */
class LocalStart {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(readonly home: string) {
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', 'deploy/local/src/main.ts'], {
      cwd: repoRoot,
      env: {
        ...withoutColour(process.env),
        SLIPWAY_HOME: home,
        NATS_URL: '',
        DATABASE_URL: '',
        CLICKHOUSE_URL: '',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout, this.child.stderr])
      stream?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get text(): string {
    return this.output.join('');
  }

  async ready(): Promise<RunState> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (!this.text.includes('Slipway is ready')) {
      if (exited || Date.now() > deadline) throw new Error(`npm start did not get ready:\n${this.text}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const state = readRunState(join(this.home, 'run.json'));
    if (!state) throw new Error('run.json missing while running');
    return state;
  }

  async interrupt(): Promise<number | null> {
    this.child.kill('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), STOP_TIMEOUT_MS)));
    const outcome = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout')
      throw new Error(`npm start did not stop within ${STOP_TIMEOUT_MS} ms:\n${this.text}`);
    return outcome;
  }

  /** Last resort after a failed test: nothing may outlive it. */
  kill(state: RunState | undefined): void {
    this.child.kill('SIGKILL');
    // Each child leads its own process group: killing the group takes Postgres' backends too.
    for (const pid of pidsOf(state)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}

/** Jest forces colours in its workers; the output is matched as text here. */
function withoutColour(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, ...rest } = env;
  return rest;
}

function pidsOf(state: RunState | undefined): number[] {
  if (!state) return [];
  return [state.nats?.pid, state.postgres?.pid, ...Object.values(state.services).map((s) => s.pid)].filter(
    (p): p is number => p !== undefined,
  );
}

function portsOf(state: RunState): number[] {
  const portOf = (url: string) => Number(new URL(url).port);
  return [
    portOf(state.nats!.url),
    portOf(state.postgres!.url),
    ...Object.values(state.services).map((s) => s.port),
  ];
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function expectAllReady(state: RunState): Promise<void> {
  expect(Object.keys(state.services).sort()).toEqual([...SERVICE_NAMES].sort());
  for (const [name, service] of Object.entries(state.services)) {
    const response = await fetch(`${service.url}/health/ready`);
    expect({ name, status: response.status }).toEqual({ name, status: 200 });
  }
}

async function expectStoppedClean(run: LocalStart, state: RunState): Promise<void> {
  await expect(run.interrupt()).resolves.toBe(0);
  expect(run.text).toContain('stopped');
  expect(pidsOf(state).filter(isAlive)).toEqual([]);
  const stillBound = [];
  for (const port of portsOf(state)) if (!(await isPortFreeOn('127.0.0.1')(port))) stillBound.push(port);
  expect(stillBound).toEqual([]);
  expect(existsSync(join(run.home, 'run.json'))).toBe(false);
}

describe('npm start - the whole stack on one machine', () => {
  const home = mkdtempSync(join(tmpdir(), 'slipway-e2e-'));
  let current: { run: LocalStart; state?: RunState } | undefined;

  afterEach(() => {
    // After a passing test everything is gone already; after a failing one, nothing may linger.
    current?.run.kill(current.state);
    current = undefined;
  });

  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('local start - starts NATS, Postgres and six ready services, then stops cleanly on Ctrl-C', async () => {
    const systemNats = await canConnect('127.0.0.1', 4222);
    const systemPostgres = await canConnect('127.0.0.1', 5432);
    const run = new LocalStart(home);
    current = { run };
    const state = await run.ready();
    current.state = state;

    await expectAllReady(state);
    expect(run.text).toMatch(/Gateway API\s+http:\/\/127\.0\.0\.1:\d+/);
    // The first start creates an admin token and shows it; it opens the API.
    const token = /Admin token\s+(slw_\S+)/.exec(run.text)?.[1];
    expect(token).toBeDefined();
    const whoami = await fetch(`${state.services['gateway']!.url}/api/v1/whoami`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await whoami.json()).toMatchObject({ name: 'admin', scopes: ['admin'] });
    if (systemNats) {
      expect(run.text).toContain('port 4222 is in use');
      expect(state.nats!.url).not.toContain(':4222');
    }
    if (systemPostgres) expect(state.postgres!.url).not.toContain(':5432/');
    await query(
      state.postgres!.url,
      'CREATE SCHEMA e2e_local_start; CREATE TABLE e2e_local_start.kept (answer int); INSERT INTO e2e_local_start.kept VALUES (42)',
    );

    await expectStoppedClean(run, state);
  }, 240_000);

  it('local start - a second start finds the data of the first', async () => {
    const run = new LocalStart(home);
    current = { run };
    const state = await run.ready();
    current.state = state;

    expect(run.text).not.toContain('initialising a cluster');
    await expectAllReady(state);
    // Shown once: the second start only says where it is kept.
    expect(run.text).toMatch(/Admin token\s+in \S+admin-token/);
    expect(run.text).not.toMatch(/Admin token\s+slw_/);
    await expect(query(state.postgres!.url, 'SELECT answer FROM e2e_local_start.kept')).resolves.toEqual([
      { answer: 42 },
    ]);

    await expectStoppedClean(run, state);
  }, 240_000);
});
