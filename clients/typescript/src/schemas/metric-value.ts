import { z } from 'zod';

/** A metric value as JSON carries it: a number, or `'NaN'`, `'Infinity'`, `'-Infinity'`. */
export type WireMetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

/** Reads a metric value from the wire into a JS number (NaN and ±Infinity included). */
export const metricValue = z
  // A literal, not z.enum: an enum's declaration keys `-Infinity` as `[-Infinity]`, which a user's
  // TypeScript refuses in the published declarations (TS1170).
  .union([z.number(), z.literal(['NaN', 'Infinity', '-Infinity'])])
  .transform((v) => (typeof v === 'string' ? Number(v) : v));

/** A JS number in the form JSON can carry. */
export function toWireValue(value: number): WireMetricValue {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}
