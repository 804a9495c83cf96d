import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { LastLines } from './last-lines';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcessOptions {
  /** Short name used in messages, e.g. `tracking` or `nats-server`. */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** Called for every line of stdout and stderr. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

/**
 * A child process in its own process group, so a terminal's Ctrl-C reaches only the
 * orchestrator, which then stops children in order.
 */
export class ManagedProcess {
  /** Every child not yet exited, for the last-resort kill when the orchestrator dies. */
  static readonly running = new Set<ManagedProcess>();
  readonly exited: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private readonly tail = new LastLines(60);
  private exitInfo: ProcessExit | undefined;

  constructor(readonly options: ManagedProcessOptions) {
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      uid: options.uid,
      gid: options.gid,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.tail.push(`failed to start ${options.command}: ${error.message}`);
        this.exitInfo ??= { code: 127, signal: null };
        resolve(this.exitInfo);
      });
      // 'close' waits for stdio to drain (so the last lines are in); a grandchild holding
      // the pipes open must not hold up the exit, hence the fallback after 'exit'.
      this.child.once('exit', (code, signal) => {
        this.exitInfo ??= { code, signal };
        setTimeout(() => resolve({ code, signal }), 1000).unref();
      });
      this.child.once('close', (code, signal) => {
        this.exitInfo ??= { code, signal };
        resolve(this.exitInfo);
      });
    });
    ManagedProcess.running.add(this);
    void this.exited.then(() => ManagedProcess.running.delete(this));
    this.follow(this.child.stdout, 'stdout');
    this.follow(this.child.stderr, 'stderr');
  }

  get name(): string {
    return this.options.name;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  lastLines(): string[] {
    return this.tail.all();
  }

  /** Sends `signal` to the process, waits up to `timeoutMs`, then kills its whole group. */
  async stop(signal: NodeJS.Signals, timeoutMs: number): Promise<ProcessExit & { forced: boolean }> {
    if (this.exitInfo) return { ...this.exitInfo, forced: false };
    this.signal(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
    );
    const outcome = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (outcome !== 'timeout') {
      this.killGroup('SIGKILL');
      return { ...outcome, forced: false };
    }
    this.killGroup('SIGKILL');
    return { ...(await this.exited), forced: true };
  }

  /** Synchronous last resort when the orchestrator itself is going away. */
  killGroup(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      this.child.kill(signal);
    } catch {
      // Already exited.
    }
  }

  private follow(stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr'): void {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      this.tail.push(line);
      this.options.onLine?.(line, name);
    });
  }
}
