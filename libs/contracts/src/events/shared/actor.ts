import { z } from 'zod';

/** Who did something: a person, a Slipway service, or an API token acting for someone. */
export const actorSchema = z
  .object({
    /** User name, service name (`registry`) or token id. */
    id: z.string().min(1).max(256),
    kind: z.enum(['user', 'service', 'token']),
  })
  .describe('Who did it');

export type Actor = z.infer<typeof actorSchema>;
