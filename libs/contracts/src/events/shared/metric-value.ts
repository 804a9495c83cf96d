import { z } from 'zod';

const NON_FINITE = ['NaN', 'Infinity', '-Infinity'] as const;

/** How a metric value travels in JSON: a number, or one of the strings JSON has no number for. */
export const metricValueWireSchema = z
  .union([z.number(), z.enum(NON_FINITE)])
  .describe("A JSON number, or 'NaN', 'Infinity' or '-Infinity'");

const metricNumberSchema = z.union([z.number(), z.nan(), z.literal([Infinity, -Infinity])]);

function toWire(value: number): number | (typeof NON_FINITE)[number] {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/**
 * A metric value. JSON cannot carry NaN or ±Infinity, so on the wire they are the strings
 * `'NaN'`, `'Infinity'` and `'-Infinity'`; parsing turns them into JS numbers, and encoding
 * (`z.encode`, which {@link createEvent} uses) turns them back.
 */
export const metricValueSchema = z.codec(metricValueWireSchema, metricNumberSchema, {
  decode: (wire) => (typeof wire === 'string' ? Number(wire) : wire),
  encode: toWire,
});
