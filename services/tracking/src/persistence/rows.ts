import { parseOrThrow } from '@slipway/contracts';
import { z } from 'zod';

/**
 * A `bigint` column of milliseconds since the epoch. node-postgres returns `bigint` as a string
 * (it may exceed 2^53); times in ms fit a safe integer, which this checks rather than assumes.
 */
export const millisColumn = z
  .union([z.int(), z.string().regex(/^\d+$/, 'must be a non-negative integer').transform(Number)])
  .pipe(z.int().min(0).max(Number.MAX_SAFE_INTEGER));

/** {@link millisColumn} or SQL NULL. */
export const nullableMillisColumn = millisColumn.nullable();

/** Parses rows read back from Postgres; a row that does not match is a {@link ValidationError}, never a silent cast. */
export function parseRows<S extends z.ZodType>(schema: S, rows: unknown, what: string): z.infer<S>[] {
  return parseOrThrow(z.array(schema), rows, what);
}

/** The one row of a query that returns at most one, parsed; `undefined` when there is none. */
export function parseOptionalRow<S extends z.ZodType>(
  schema: S,
  rows: unknown,
  what: string,
): z.infer<S> | undefined {
  return parseRows(schema, rows, what)[0];
}

/**
 * The rows of an `UPDATE … RETURNING` or `DELETE … RETURNING`: TypeORM's Postgres driver answers
 * those two commands with `[rows, affectedCount]` instead of the rows alone.
 */
export function returnedRows(result: unknown): unknown[] {
  return parseOrThrow(z.tuple([z.array(z.unknown()), z.int()]), result, 'UPDATE/DELETE result')[0];
}
