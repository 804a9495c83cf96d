import { z } from 'zod';

/**
 * A schema for one environment variable: `parse` turns the raw string into a value or returns
 * `undefined` to refuse it, in which case the issue reads `expected <expected>`.
 */
export function envValue<T>(expected: string, parse: (raw: string) => T | undefined) {
  return z.string().transform((raw, ctx) => {
    const value = parse(raw.trim());
    if (value === undefined) {
      ctx.issues.push({ code: 'custom', message: `expected ${expected}`, input: raw });
      return z.NEVER;
    }
    return value;
  });
}

/** A variable with a default; the default is an env string, parsed like a set value. */
export function withDefault<O>(schema: z.ZodType<O, string>, defaultValue: string, description: string) {
  return schema.prefault(defaultValue).describe(`${description} Default: \`${defaultValue}\`.`);
}

/** A variable that may be left unset (its value is then `undefined`). */
export function optionalVar<O>(schema: z.ZodType<O, string>, description: string) {
  return schema.optional().describe(`${description} Optional.`);
}
