import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { LocalStartError } from './local-start.error';

/** What a run started, written to `<home>/run.json` (mode 600: it holds the Postgres URL). */
export interface RunState {
  pid: number;
  startedAt: string;
  readyAt?: string;
  nats?: { url: string; pid?: number };
  postgres?: { url: string; pid?: number };
  services: Record<string, { pid?: number; port: number; url: string }>;
}

export function readRunState(file: string): RunState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunState;
  } catch {
    return undefined;
  }
}

export function writeRunState(file: string, state: RunState): void {
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export function removeRunState(file: string): void {
  rmSync(file, { force: true });
}

/**
 * Refuses a second orchestrator on the same data home, and stops what a previous one that
 * died without cleaning up left running (checked by command line, so a reused pid is spared).
 */
export async function claimDataHome(file: string, warn: (message: string) => void): Promise<void> {
  const previous = readRunState(file);
  if (!previous) return;
  if (previous.pid !== process.pid && alive(previous.pid)) {
    throw new LocalStartError(
      'LOCAL.ALREADY_RUNNING',
      `Slipway is already running from this data home (pid ${previous.pid}).`,
      ['Stop it first, or set SLIPWAY_HOME to another folder.'],
    );
  }
  const leftovers = [
    ...Object.values(previous.services).map((s) => s.pid),
    previous.postgres?.pid,
    previous.nats?.pid,
  ].filter((pid): pid is number => pid !== undefined && alive(pid) && startedBySlipway(pid));
  if (leftovers.length > 0) {
    warn(
      `a previous run (pid ${previous.pid}) did not stop cleanly; stopping what it left running: pids ${leftovers.join(', ')}`,
    );
    for (const pid of leftovers) signal(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (leftovers.some(alive) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    for (const pid of leftovers.filter(alive)) signal(pid, 'SIGKILL');
  }
  removeRunState(file);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function startedBySlipway(pid: number): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /nats-server|postgres|swc-node/.test(cmdline);
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
}
