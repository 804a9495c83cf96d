import { loadServiceConfig, telemetryEnv } from '@slipway/config';
import { z } from 'zod';
import { startTelemetry, type Telemetry, type TelemetryOptions } from './start-telemetry';

const telemetryConfigSchema = z.object(telemetryEnv);

/**
 * Starts telemetry for a service from its environment (`OTEL_SERVICE_NAME`,
 * `OTEL_EXPORTER_OTLP_ENDPOINT`, `METRICS_ENABLED`); a bad value stops the process naming it.
 * This is the whole of a service's `src/instrumentation.ts`; `options` are the service's own
 * choices (not the environment's), such as `incomingHttp`.
 */
export function startServiceTelemetry(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
  options: Pick<TelemetryOptions, 'incomingHttp'> = {},
): Telemetry {
  const config = loadServiceConfig(telemetryConfigSchema, service, env);
  return startTelemetry({
    serviceName: config.OTEL_SERVICE_NAME ?? `slipway-${service}`,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    metrics: config.METRICS_ENABLED,
    ...options,
  });
}
