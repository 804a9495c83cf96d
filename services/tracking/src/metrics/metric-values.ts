import { metricValueSchema } from '@slipway/contracts';
import { z } from 'zod';

/** How a metric value travels in JSON: numbers as numbers, NaN/±Infinity as `'NaN'`, `'Infinity'`, `'-Infinity'`. */
export type MetricValueWire = z.input<typeof metricValueSchema>;

/** A value for a JSON reply, in the form `metricValueSchema` parses (and MLflow's JSON writes). */
export function metricValueToWire(value: number): MetricValueWire {
  return z.encode(metricValueSchema, value);
}
