import { z } from 'zod';
import { httpEnv, lifecycleEnv, loadConfigOrExit, natsEnv, telemetryEnv, postgresEnv, clickhouseEnv } from '@slipway/config';

/** Environment of the tracking service: experiments, runs, params and tags (Postgres), metrics (ClickHouse), artifacts (NATS object store). */
export const trackingConfigSchema = z.object({
  ...natsEnv,
  ...httpEnv(8081),
  ...telemetryEnv,
  ...lifecycleEnv,
  ...postgresEnv,
  ...clickhouseEnv,
  CLICKHOUSE_DATA_PATH: clickhouseEnv.CLICKHOUSE_DATA_PATH.default('.slipway/data/clickhouse/tracking'),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).default('slipway_tracking').describe('ClickHouse database of the tracking service (default slipway_tracking)'),
});

export type TrackingConfig = z.infer<typeof trackingConfigSchema>;

/** Reads and validates the environment; a bad value stops the service naming the variable. */
export const loadTrackingConfig = (): TrackingConfig => loadConfigOrExit(trackingConfigSchema, 'tracking');
