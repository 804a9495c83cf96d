/**
 * Query parameters travel in the URL of a ClickHouse server request (about 1 MiB at most by
 * default), so long id lists are split: 5,000 ids of up to 64 characters stay well under it.
 * Embedded chDB binds parameters in process, but its `IN {ids:Array(String)}` falls off a cliff
 * between 50,000 and 60,000 elements (124 ms at 50k, 44-53 s at 60k, measured with
 * bench/tracking), so it gets slices too.
 */
export const SERVER_MAX_IDS_PER_QUERY = 5_000;

/** Slice size for embedded chDB: well below its cliff, large enough to keep queries few. */
export const EMBEDDED_MAX_IDS_PER_QUERY = 20_000;

/** `items` in consecutive slices of at most `size` (one slice when `size` is Infinity). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (items.length <= size) return [[...items]];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
