type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `sorted`: sort this object's keys; `declared`: keep this object's key order; `verbatim`: keep every order below. */
type Order = 'sorted' | 'declared' | 'verbatim';

/**
 * Object keys sorted, so output does not depend on the order a generator happened to emit;
 * except a JSON Schema `properties` map (its order is the order fields were declared) and
 * `examples` (shown as a producer writes them).
 */
function normalize(value: unknown, order: Order = 'sorted'): Json {
  if (Array.isArray(value))
    return value.map((item) => normalize(item, order === 'verbatim' ? order : 'sorted'));
  if (value === null || typeof value !== 'object') return value as Json;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (order === 'sorted') entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(
    entries.map(([key, v]) => {
      if (order === 'verbatim' || key === 'examples') return [key, normalize(v, 'verbatim')];
      return [key, normalize(v, key === 'properties' && order === 'sorted' ? 'declared' : 'sorted')];
    }),
  );
}

/** Deterministic JSON: normalized key order (see above), 2-space indent, trailing newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(normalize(value), null, 2)}\n`;
}
