import { z } from 'zod';
import {
  envIdentifier,
  envString,
  withDefault,
  httpEnv,
  lifecycleEnv,
  loadConfigOrExit,
  natsEnv,
  telemetryEnv,
  postgresEnv,
  clickhouseEnv,
} from '@slipway/config';

/** Environment of the tracking service: experiments, runs, params and tags (Postgres), metrics (ClickHouse), artifacts (NATS object store). */
export const trackingConfigSchema = z.object({
  ...natsEnv,
  ...httpEnv(8081),
  ...telemetryEnv,
  ...lifecycleEnv,
  ...postgresEnv,
  ...clickhouseEnv,
  CLICKHOUSE_DATA_PATH: withDefault(
    envString(),
    '.slipway/data/clickhouse/tracking',
    "Data directory of this service's embedded chDB (only used when CLICKHOUSE_URL is unset).",
  ),
  CLICKHOUSE_DATABASE: withDefault(
    envIdentifier(),
    'slipway_tracking',
    'ClickHouse database owned by this service.',
  ),
});

export type TrackingConfig = z.infer<typeof trackingConfigSchema>;

/** Reads and validates the environment; a bad value stops the service naming the variable. */
export const loadTrackingConfig = (): TrackingConfig => loadConfigOrExit(trackingConfigSchema, 'tracking');
