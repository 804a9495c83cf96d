import { z } from 'zod';
import {
  httpEnv,
  lifecycleEnv,
  loadServiceConfig,
  natsEnv,
  telemetryEnv,
  postgresEnv,
} from '@slipway/config';

/** Environment of the pipeline service: pipeline definitions, schedules, runs and the task workers. */
export const pipelineConfigSchema = z.object({
  ...natsEnv,
  ...httpEnv(8083),
  ...telemetryEnv,
  ...lifecycleEnv,
  ...postgresEnv,
});

export type PipelineConfig = z.infer<typeof pipelineConfigSchema>;

/** Reads and validates the environment; a bad value stops the service naming the variable. */
export const loadPipelineConfig = (): PipelineConfig => loadServiceConfig(pipelineConfigSchema, 'pipeline');
