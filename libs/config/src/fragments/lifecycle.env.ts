import { envInt } from '../env-types';
import { withDefault } from '../env-value';

/** Start and stop of a service process. */
export const lifecycleEnv = {
  /** Time allowed to drain consumers and close connections on SIGTERM before exiting anyway. */
  SHUTDOWN_TIMEOUT_MS: withDefault(
    envInt(0, 600_000),
    '10000',
    'Milliseconds allowed for a graceful stop on SIGTERM/SIGINT before the process exits anyway.',
  ),
};
