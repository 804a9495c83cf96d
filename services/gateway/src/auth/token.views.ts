import { z } from 'zod';
import { scopeSchema } from './scopes';

const isoOrNull = z.string().nullable();

/** A token as the API shows it: never the secret, which is shown once at creation. */
export const tokenViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(scopeSchema),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  expiresAt: isoOrNull,
  revokedAt: isoOrNull,
  lastUsedAt: isoOrNull,
});
export type TokenView = z.infer<typeof tokenViewSchema>;

/** A new token: its view and, this once, its secret. */
export const createdTokenSchema = tokenViewSchema.extend({
  /** The secret to send as `Authorization: Bearer <token>`; it is not stored and cannot be shown again. */
  token: z.string(),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;

/** The body of `POST /api/v1/tokens`. */
export const createTokenBodySchema = z.strictObject({
  /** Who or what holds the token (`alice`, `ci`); recorded as the actor of what it does. */
  name: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
  scopes: z.array(scopeSchema).min(1).max(3),
  /** When the token stops working (ISO 8601); none means never. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;
