import { z } from 'zod';
import { httpEnv, lifecycleEnv, loadConfigOrExit, natsEnv, telemetryEnv, clickhouseEnv } from '@slipway/config';

/** Environment of the serving service: online inference that follows promotions, prediction log (ClickHouse). */
export const servingConfigSchema = z.object({
  ...natsEnv,
  ...httpEnv(8084),
  ...telemetryEnv,
  ...lifecycleEnv,
  ...clickhouseEnv,
  CLICKHOUSE_DATA_PATH: clickhouseEnv.CLICKHOUSE_DATA_PATH.default('.slipway/data/clickhouse/serving'),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).default('slipway_serving').describe('ClickHouse database of the serving service (default slipway_serving)'),
});

export type ServingConfig = z.infer<typeof servingConfigSchema>;

/** Reads and validates the environment; a bad value stops the service naming the variable. */
export const loadServingConfig = (): ServingConfig => loadConfigOrExit(servingConfigSchema, 'serving');
