/** An event as stored: its type (with its schema version) and its data, not yet parsed. */
export interface StoredShape {
  readonly type: string;
  readonly data: unknown;
}

/** Turns the data of one stored type into the data of its next schema version. Pure. */
export interface Upcaster {
  readonly from: string;
  readonly to: string;
  readonly up: (data: unknown) => unknown;
}

/**
 * Applies `upcasters` until the type has none left: a `…v1` event comes back as the current
 * version (`v1 → v2 → v3` in one call). The stored row is never rewritten; an event of a
 * current type, or of a type no upcaster knows, is returned as it is.
 * @throws Error when the upcasters loop (a `from` reached twice).
 */
export function upcast(stored: StoredShape, upcasters: ReadonlyMap<string, Upcaster>): StoredShape {
  let current = stored;
  const seen = new Set<string>();
  for (let step = upcasters.get(current.type); step; step = upcasters.get(current.type)) {
    if (seen.has(step.from)) throw new Error(`upcasters loop at ${step.from}`);
    seen.add(step.from);
    current = { type: step.to, data: step.up(current.data) };
  }
  return current;
}

/** Indexes upcasters by the type they read; throws when two read the same type. */
export function upcasterMap(upcasters: readonly Upcaster[]): ReadonlyMap<string, Upcaster> {
  const byFrom = new Map<string, Upcaster>();
  for (const u of upcasters) {
    if (byFrom.has(u.from)) throw new Error(`two upcasters read ${u.from}`);
    byFrom.set(u.from, u);
  }
  return byFrom;
}

const isRecord = (data: unknown): data is Record<string, unknown> =>
  typeof data === 'object' && data !== null && !Array.isArray(data);

/** Adds `field` with `value` to data that lacks it: the upcast of a schema that gained a field. */
export const withDefault =
  (field: string, value: unknown) =>
  (data: unknown): unknown =>
    isRecord(data) && !(field in data) ? { ...data, [field]: value } : data;
