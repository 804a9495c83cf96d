import { z } from 'zod';
import {
  httpEnv,
  lifecycleEnv,
  loadServiceConfig,
  natsEnv,
  telemetryEnv,
  postgresEnv,
} from '@slipway/config';

/** Environment of the notifier service: routes events to Slack, webhooks and e-mail, and acts on the answers. */
export const notifierConfigSchema = z.object({
  ...natsEnv,
  ...httpEnv(8085),
  ...telemetryEnv,
  ...lifecycleEnv,
  ...postgresEnv,
});

export type NotifierConfig = z.infer<typeof notifierConfigSchema>;

/** Reads and validates the environment; a bad value stops the service naming the variable. */
export const loadNotifierConfig = (): NotifierConfig => loadServiceConfig(notifierConfigSchema, 'notifier');
