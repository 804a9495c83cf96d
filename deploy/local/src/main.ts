import { resolve } from 'node:path';
import { resolveDataHome } from './config/data-home';
import { LocalEnvError, parseLocalEnv } from './config/parse-local-env';
import { ConsoleReporter } from './console/console-reporter';
import { runLocalStack } from './local-stack';
import { createPaint } from './logs/paint';
import { PortAllocator } from './ports/port-allocator';
import { ManagedProcess } from './process/managed-process';
import { SERVICE_NAMES } from './services/service-catalog';
import { StopRequest } from './stop-request';

/** A second signal this long after the first kills everything at once. */
const FORCE_AFTER_MS = 1500;

/** `npm start`: the whole of Slipway on this machine. */
async function main(): Promise<number> {
  const repoRoot = resolve(__dirname, '..', '..', '..');
  const paint = createPaint(process.env, process.stdout);
  process.stdout.on('error', () => undefined);
  let env;
  try {
    env = parseLocalEnv(process.env);
  } catch (error) {
    if (!(error instanceof LocalEnvError)) throw error;
    process.stderr.write(`${paint('red', error.message)}\n`);
    return 1;
  }
  const reporter = new ConsoleReporter(paint, SERVICE_NAMES);
  const stop = new StopRequest();
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt === undefined) {
      firstSignalAt = Date.now();
      reporter.info(
        `${signal} received: stopping services, then Postgres and NATS (Ctrl-C again to kill at once)`,
      );
      stop.request(signal, 0);
      return;
    }
    // One Ctrl-C under `npm start` arrives twice: from the terminal and forwarded by npm.
    if (Date.now() - firstSignalAt < FORCE_AFTER_MS) return;
    reporter.warn('killing everything now');
    killAll();
    process.exit(1);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  process.on('exit', killAll);

  return runLocalStack(
    {
      env,
      home: resolveDataHome(repoRoot, env.SLIPWAY_HOME),
      repoRoot,
      reporter,
      ports: new PortAllocator(),
      stopTimeoutMs: env.SLIPWAY_STOP_TIMEOUT_SECONDS * 1000,
    },
    stop,
    paint,
  );
}

/** Children live in their own process groups: if this process goes, they must go too. */
function killAll(): void {
  for (const child of ManagedProcess.running) child.killGroup('SIGKILL');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `npm start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    killAll();
    process.exit(1);
  },
);
