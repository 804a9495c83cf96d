import { z } from 'zod';

/** The scopes a token can hold: `read` < `write` < `admin`. */
export type TokenScope = 'read' | 'write' | 'admin';

/** An API token as the API shows it (never its secret). */
export const tokenSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(['read', 'write', 'admin'])),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
/** An API token. */
export type Token = z.infer<typeof tokenSchema>;

/** A new token with its secret, shown this once. */
export const createdTokenSchema = tokenSchema.extend({ token: z.string() });
/** A new token with its secret. */
export type CreatedToken = z.infer<typeof createdTokenSchema>;

/** The token making the request. */
export const whoamiSchema = z.object({ tokenId: z.string(), name: z.string(), scopes: z.array(z.string()) });
/** The token making the request. */
export type Whoami = z.infer<typeof whoamiSchema>;
