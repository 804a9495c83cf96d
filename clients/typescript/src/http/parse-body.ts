import type { z } from 'zod';
import { SlipwayResponseError } from '../errors';

/** Parses a reply's JSON text with `schema`; anything else is a {@link SlipwayResponseError}. */
export function parseBody<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new SlipwayResponseError(`${what}: the reply is not JSON: ${text.slice(0, 200)}`, []);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new SlipwayResponseError(`${what}: unexpected reply (${issues.slice(0, 3).join('; ')})`, issues);
}
