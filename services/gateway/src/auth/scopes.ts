import { z } from 'zod';

/** What a token may do: `read` everything, `write` (create, log, promote), `admin` (tokens, overrides). */
export const scopeSchema = z.enum(['read', 'write', 'admin']);
export type Scope = z.infer<typeof scopeSchema>;

const RANK: Record<Scope, number> = { read: 1, write: 2, admin: 3 };

/** A token holding `admin` may also write and read; one holding `write` may also read. */
export function grants(held: readonly Scope[], needed: Scope): boolean {
  return held.some((s) => RANK[s] >= RANK[needed]);
}
