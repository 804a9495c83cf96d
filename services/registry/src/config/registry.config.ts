import { z } from 'zod';
import {
  envInt,
  envString,
  httpEnv,
  lifecycleEnv,
  loadServiceConfig,
  natsEnv,
  optionalVar,
  postgresEnv,
  telemetryEnv,
  withDefault,
} from '@slipway/config';

/** Environment of the registry service: event-sourced model registry with gated promotion. */
export const registryConfigSchema = z.object({
  ...natsEnv,
  ...httpEnv(8082),
  ...telemetryEnv,
  ...lifecycleEnv,
  ...postgresEnv,
  REGISTRY_POLICY_FILE: optionalVar(
    envString(),
    'Path of a JSON file with the promotion policy (`default` and `aliases`, each with `requiresApproval`, `gates`, `baselineRunId`).',
  ),
  REGISTRY_POLICY: optionalVar(
    envString(),
    'The promotion policy as inline JSON; applied over `REGISTRY_POLICY_FILE` (aliases merged).',
  ),
  TRACKING_TIMEOUT_MS: withDefault(
    envInt(50, 60_000),
    '2000',
    'How long the promotion gates wait for tracking to answer `slipway.rpc.tracking.run.get`.',
  ),
});

export type RegistryConfig = z.infer<typeof registryConfigSchema>;

/** Reads and validates the environment; a bad value stops the service naming the variable. */
export const loadRegistryConfig = (): RegistryConfig => loadServiceConfig(registryConfigSchema, 'registry');
