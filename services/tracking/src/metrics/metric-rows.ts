import type { ClickHouseClient, QueryParams } from '@clickhouse/client';
import { ValidationError } from '@slipway/contracts';
import { fromClickHouseFloat } from '@slipway/persistence';

/**
 * Readers of rows read back from ClickHouse: each cell is checked, never cast. Hand-written
 * rather than zod because comparisons read tens of thousands of rows (zod doubled the cost).
 * Depending on `output_format_json_quote_64bit_integers`, Int64/UInt64 come as numbers or
 * strings; floats as numbers or `"nan"`/`"inf"`/`"-inf"` (`output_format_json_quote_denormals`).
 */
export type Cell<T> = (cell: unknown) => T | undefined;

const FLOAT_TEXT = /^([+-]?(nan|inf)|[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)$/i;

export const text: Cell<string> = (cell) => (typeof cell === 'string' ? cell : undefined);

export const int: Cell<number> = (cell) => {
  const n = typeof cell === 'number' ? cell : typeof cell === 'string' && cell !== '' ? Number(cell) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
};

export const float: Cell<number> = (cell) => {
  if (typeof cell === 'number') return cell;
  return typeof cell === 'string' && FLOAT_TEXT.test(cell) ? fromClickHouseFloat(cell) : undefined;
};

export const flag: Cell<boolean> = (cell) => (cell === 1 || cell === 0 ? cell === 1 : undefined);

type Cells<T extends unknown[]> = { [K in keyof T]: Cell<T[K]> };

/**
 * Runs `query` in the `JSONCompact` format (one JSON document: cheaper to parse than a line per
 * row) and reads each row with `cells`.
 *
 * @throws ValidationError naming the first cell that does not read.
 */
export async function queryRows<T extends unknown[]>(
  client: ClickHouseClient,
  params: Omit<QueryParams, 'format'>,
  cells: Cells<T>,
): Promise<T[]> {
  const result = await client.query({ ...params, format: 'JSONCompact' });
  const { data } = await result.json<unknown[]>();
  if (!Array.isArray(data))
    throw new ValidationError('ClickHouse result', [{ path: 'data', message: 'not rows' }]);
  const rows = new Array<T>(data.length);
  for (let r = 0; r < data.length; r++) {
    const raw = data[r];
    if (!Array.isArray(raw) || raw.length !== cells.length) {
      throw new ValidationError('ClickHouse row', [
        { path: `[${r}]`, message: `expected ${cells.length} cells` },
      ]);
    }
    const row = new Array(cells.length) as T;
    for (let c = 0; c < cells.length; c++) {
      const value = cells[c](raw[c]);
      if (value === undefined) {
        throw new ValidationError('ClickHouse row', [
          { path: `[${r}][${c}]`, message: `unexpected ${JSON.stringify(raw[c])}` },
        ]);
      }
      row[c] = value;
    }
    rows[r] = row;
  }
  return rows;
}
