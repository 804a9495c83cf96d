import { envBoolean, envEnum, envString, envUrl } from '../env-types';
import { optionalVar, withDefault } from '../env-value';

/** pino's levels, lowest first. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** Logs, traces and metrics. */
export const telemetryEnv = {
  /** Lowest level written to the JSON log on stdout. */
  LOG_LEVEL: withDefault(envEnum(LOG_LEVELS), 'info', `Lowest log level written (${LOG_LEVELS.join(', ')}).`),
  /** OTLP/HTTP collector; traces are exported only when set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalVar(
    envUrl(['http:', 'https:']),
    'OTLP/HTTP collector base URL (e.g. http://127.0.0.1:4318); traces are exported only when set.',
  ),
  /** Overrides the service name reported in traces and metrics. */
  OTEL_SERVICE_NAME: optionalVar(
    envString(),
    'Service name reported in traces and metrics; defaults to the service.',
  ),
  /** Whether the service serves Prometheus metrics on `/metrics`. */
  METRICS_ENABLED: withDefault(
    envBoolean(),
    'true',
    'Serve Prometheus metrics on /metrics of the HTTP port (true/false/1/0).',
  ),
};
