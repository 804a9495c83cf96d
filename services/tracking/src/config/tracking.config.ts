import { z } from 'zod';
import {
  httpEnv,
  lifecycleEnv,
  loadServiceConfig,
  natsEnv,
  serviceClickhouseEnv,
  telemetryEnv,
  postgresEnv,
} from '@slipway/config';
import { artifactsEnv } from '../artifacts/artifacts.env';
import { metricsWriterEnv } from '../metrics/metrics-writer.env';

/** Environment of the tracking service: experiments, runs, params and tags (Postgres), metrics (ClickHouse), artifacts (NATS object store). */
export const trackingConfigSchema = z.object({
  ...natsEnv,
  ...httpEnv(8081),
  ...telemetryEnv,
  ...lifecycleEnv,
  ...postgresEnv,
  ...serviceClickhouseEnv('tracking'),
  ...artifactsEnv,
  ...metricsWriterEnv,
});

export type TrackingConfig = z.infer<typeof trackingConfigSchema>;

/** Reads and validates the environment; a bad value stops the service naming the variable. */
export const loadTrackingConfig = (): TrackingConfig => loadServiceConfig(trackingConfigSchema, 'tracking');
