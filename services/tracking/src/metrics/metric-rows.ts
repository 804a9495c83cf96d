import { fromClickHouseFloat } from '@slipway/persistence';
import { z } from 'zod';

/**
 * Column readers for rows read back from ClickHouse (parsed, never cast). Depending on the
 * server's `output_format_json_quote_64bit_integers`, Int64/UInt64 come as numbers or strings;
 * floats come as numbers or `"nan"`/`"inf"`/`"-inf"` (`output_format_json_quote_denormals`).
 */
export const chInt = z
  .union([z.number(), z.string()])
  .transform((value) => Number(value))
  .pipe(z.number().refine(Number.isSafeInteger, 'not a safe integer'));

const FLOAT_TEXT = /^([+-]?(nan|inf)|[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)$/i;

export const chFloat = z.union([z.number(), z.string().regex(FLOAT_TEXT)]).transform(fromClickHouseFloat);
