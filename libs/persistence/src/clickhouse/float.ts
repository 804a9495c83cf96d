/**
 * JSON has no NaN or infinities: `JSON.stringify(NaN)` is `null`, which ClickHouse stores as 0.
 * These helpers carry them as the strings ClickHouse reads and, with
 * `output_format_json_quote_denormals = 1` (set by `createClickHouse`), writes.
 */

/** A float for a JSON insert row: finite numbers as is, NaN and infinities as `nan`, `inf`, `-inf`. */
export function toClickHouseFloat(value: number): number | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'nan';
  return value > 0 ? 'inf' : '-inf';
}

/** A float read from a JSON result: numbers, numeric strings, `nan`, `inf`, `-inf`. */
export function fromClickHouseFloat(value: number | string): number {
  if (typeof value === 'number') return value;
  switch (value.toLowerCase()) {
    case 'nan':
    case '-nan':
      return NaN;
    case 'inf':
    case '+inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    default:
      return Number(value);
  }
}
