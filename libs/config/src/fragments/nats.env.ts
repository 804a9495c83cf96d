import { DEFAULT_SUBJECT_ROOT } from '@slipway/contracts';
import { envSubjectRoot, envUrlList } from '../env-types';
import { withDefault } from '../env-value';

/** NATS connection: spread into a service's config schema. */
export const natsEnv = {
  /** NATS server URL(s); parsed to a list. */
  NATS_URL: withDefault(
    envUrlList(['nats:', 'tls:']),
    'nats://127.0.0.1:4222',
    'NATS server URL, or a comma-separated list of the servers of one cluster (nats:// or tls://).',
  ),
  /** First token of every subject; lets test suites and tenants share one NATS server. */
  SLIPWAY_SUBJECT_ROOT: withDefault(
    envSubjectRoot(),
    DEFAULT_SUBJECT_ROOT,
    'First token of every Slipway subject (dot-separated tokens of letters, digits, - or _).',
  ),
};
