import { z } from 'zod';
import { httpEnv, lifecycleEnv, loadConfigOrExit, natsEnv, telemetryEnv, postgresEnv } from '@slipway/config';

/** Environment of the registry service: event-sourced model registry with gated promotion. */
export const registryConfigSchema = z.object({
  ...natsEnv,
  ...httpEnv(8082),
  ...telemetryEnv,
  ...lifecycleEnv,
  ...postgresEnv,
});

export type RegistryConfig = z.infer<typeof registryConfigSchema>;

/** Reads and validates the environment; a bad value stops the service naming the variable. */
export const loadRegistryConfig = (): RegistryConfig => loadConfigOrExit(registryConfigSchema, 'registry');
