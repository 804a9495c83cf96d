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
  clickhouseEnv,
} from '@slipway/config';

/** Environment of the serving service: online inference that follows promotions, prediction log (ClickHouse). */
export const servingConfigSchema = z.object({
  ...natsEnv,
  ...httpEnv(8084),
  ...telemetryEnv,
  ...lifecycleEnv,
  ...clickhouseEnv,
  CLICKHOUSE_DATA_PATH: withDefault(
    envString(),
    '.slipway/data/clickhouse/serving',
    "Data directory of this service's embedded chDB (only used when CLICKHOUSE_URL is unset).",
  ),
  CLICKHOUSE_DATABASE: withDefault(
    envIdentifier(),
    'slipway_serving',
    'ClickHouse database owned by this service.',
  ),
});

export type ServingConfig = z.infer<typeof servingConfigSchema>;

/** Reads and validates the environment; a bad value stops the service naming the variable. */
export const loadServingConfig = (): ServingConfig => loadConfigOrExit(servingConfigSchema, 'serving');
