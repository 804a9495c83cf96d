import { z } from 'zod';
import { isServiceName, SERVICE_NAMES } from '../services/service-catalog';

const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const urlWithScheme = (schemes: readonly string[]) =>
  optionalText.refine(
    (value) => value === undefined || value.split(',').every((part) => hasScheme(part.trim(), schemes)),
    { message: `expected a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}` },
  );

const seconds = (fallback: number) => z.coerce.number().positive().max(3600).default(fallback);

/**
 * Environment of `npm start` (deploy/local). Every key is optional: without one, the
 * orchestrator starts what it needs on this machine.
 */
export const localEnvSchema = z.object({
  /** Folder for data and logs. Default: `<repo>/.slipway`. */
  SLIPWAY_HOME: optionalText,
  /** A running NATS server (JetStream enabled), e.g. `nats://127.0.0.1:4222`. Default: start `nats-server`. */
  NATS_URL: urlWithScheme(['nats', 'tls', 'ws', 'wss']),
  /** A running Postgres, e.g. `postgres://user:pass@host:5432/slipway`. Default: embedded Postgres. */
  DATABASE_URL: urlWithScheme(['postgres', 'postgresql']),
  /** A ClickHouse HTTP endpoint, e.g. `http://127.0.0.1:8123`. Default: embedded chDB per service. */
  CLICKHOUSE_URL: urlWithScheme(['http', 'https']),
  /** Root of every NATS subject. Default: `slipway`. */
  SLIPWAY_SUBJECT_ROOT: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/,
      'expected NATS subject tokens such as "slipway" or "dev.slipway"',
    )
    .default('slipway'),
  /** First HTTP port: gateway gets it, the other services the next five. Default: 8080. */
  SLIPWAY_HTTP_PORT_BASE: z.coerce.number().int().min(1).max(65_530).default(8080),
  /** Address the services listen on. Default: `127.0.0.1`. */
  HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** Log level handed to every service. Default: `info`. */
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** OTLP endpoint handed to every service when set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: urlWithScheme(['http', 'https']),
  /** Comma-separated subset of services to start. Default: all six. */
  SLIPWAY_SERVICES: optionalText.refine(
    (value) => value === undefined || value.split(',').every((name) => isServiceName(name.trim())),
    { message: `expected a comma-separated list of ${SERVICE_NAMES.join(', ')}` },
  ),
  /** Entry file of a service, `{name}` replaced by the service name. Default: `services/{name}/src/main.ts`. */
  SLIPWAY_SERVICE_ENTRY: z.string().includes('{name}').default('services/{name}/src/main.ts'),
  /** Seconds to wait for every `/health/ready`. Default: 120. */
  SLIPWAY_READY_TIMEOUT_SECONDS: seconds(120),
  /** Seconds a process gets after SIGTERM before SIGKILL. Default: 10. */
  SLIPWAY_STOP_TIMEOUT_SECONDS: seconds(10),
});

export type LocalEnv = z.infer<typeof localEnvSchema>;

function hasScheme(value: string, schemes: readonly string[]): boolean {
  try {
    return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
  } catch {
    return false;
  }
}
