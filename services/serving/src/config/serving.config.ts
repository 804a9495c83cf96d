import { z } from 'zod';
import {
  httpEnv,
  lifecycleEnv,
  loadServiceConfig,
  natsEnv,
  serviceClickhouseEnv,
  telemetryEnv,
} from '@slipway/config';

/** Environment of the serving service: online inference that follows promotions, prediction log (ClickHouse). */
export const servingConfigSchema = z.object({
  ...natsEnv,
  ...httpEnv(8084),
  ...telemetryEnv,
  ...lifecycleEnv,
  ...serviceClickhouseEnv('serving'),
});

export type ServingConfig = z.infer<typeof servingConfigSchema>;

/** Reads and validates the environment; a bad value stops the service naming the variable. */
export const loadServingConfig = (): ServingConfig => loadServiceConfig(servingConfigSchema, 'serving');
