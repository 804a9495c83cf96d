import { bootstrapService, type BootstrapOptions } from './bootstrap';

/**
 * The whole of a service's `main.ts`: boots it, and on SIGTERM/SIGINT closes it gracefully
 * (transports drained, in-flight work finished, connections closed) then exits 0. A failure
 * to start is logged and exits 1, so a supervisor can restart it.
 */
export async function runService(options: BootstrapOptions): Promise<void> {
  try {
    const running = await bootstrapService(options);
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      running.logger.info({ signal }, `${options.service} stopping`);
      running.close().then(
        () => {
          running.logger.info(`${options.service} stopped`);
          process.exit(0);
        },
        (error: unknown) => {
          running.logger.error({ err: error }, 'error while stopping');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (error) {
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', service: options.service, msg: 'failed to start', err: String(error instanceof Error ? error.stack : error) })}\n`,
    );
    process.exit(1);
  }
}
