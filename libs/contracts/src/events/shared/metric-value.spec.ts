import { z } from 'zod';
import { metricValueSchema } from './metric-value';

test("metricValueSchema - parses 'NaN', 'Infinity' and '-Infinity' to JS numbers", () => {
  expect(metricValueSchema.parse('NaN')).toBeNaN();
  expect(metricValueSchema.parse('Infinity')).toBe(Infinity);
  expect(metricValueSchema.parse('-Infinity')).toBe(-Infinity);
});

test('metricValueSchema - passes finite numbers through', () => {
  for (const value of [0, -1.5, 1e308, Number.MIN_VALUE]) expect(metricValueSchema.parse(value)).toBe(value);
});

test.each(['nan', 'inf', '1.5', '', null, true, {}])('metricValueSchema - rejects %j', (value) => {
  expect(metricValueSchema.safeParse(value).success).toBe(false);
});

test('metricValueSchema - rejects a non-finite number on the wire: JSON has none', () => {
  expect(metricValueSchema.safeParse(NaN).success).toBe(false);
  expect(metricValueSchema.safeParse(Infinity).success).toBe(false);
});

test('metricValueSchema - encodes non-finite numbers back to strings', () => {
  expect(z.encode(metricValueSchema, NaN)).toBe('NaN');
  expect(z.encode(metricValueSchema, Infinity)).toBe('Infinity');
  expect(z.encode(metricValueSchema, -Infinity)).toBe('-Infinity');
  expect(z.encode(metricValueSchema, 0.25)).toBe(0.25);
});
