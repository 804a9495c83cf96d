import { z } from 'zod';
import {
  httpEnv,
  lifecycleEnv,
  loadServiceConfig,
  natsEnv,
  telemetryEnv,
  postgresEnv,
} from '@slipway/config';
import { gatewayEnv } from './gateway.env';

/** Environment of the gateway service: the one HTTP edge: REST API, MLflow-compatible API, auth, live events. */
export const gatewayConfigSchema = z.object({
  ...natsEnv,
  ...httpEnv(8080),
  ...telemetryEnv,
  ...lifecycleEnv,
  ...postgresEnv,
  ...gatewayEnv,
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** Reads and validates the environment; a bad value stops the service naming the variable. */
export const loadGatewayConfig = (): GatewayConfig => loadServiceConfig(gatewayConfigSchema, 'gateway');
