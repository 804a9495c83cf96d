import type { z } from 'zod';
import { CommonErrorCodes, SlipwayError } from './slipway-error';

/** One problem found in an input, with the path of the field it concerns (`data.metrics[3].value`). */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Raised when an input from outside (HTTP, NATS, file, env, database row) does not match its schema. */
export class ValidationError extends SlipwayError {
  override readonly permanent = true;

  constructor(
    readonly what: string,
    readonly issues: ValidationIssue[],
  ) {
    super(
      CommonErrorCodes.VALIDATION,
      `invalid ${what}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
      { issues },
    );
    this.name = 'ValidationError';
  }
}

/** `a.b[2].c` from a zod issue path. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message }));
}

/** Parses `value` with `schema`, or throws a {@link ValidationError} naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(what, issuesOf(result.error));
  return result.data;
}
