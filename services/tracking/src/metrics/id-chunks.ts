/**
 * Query parameters travel in the URL of a ClickHouse server request (about 1 MiB at most by
 * default), so long id lists are split: 5,000 ids of up to 64 characters stay well under it.
 * Embedded chDB binds parameters in process and takes any length.
 */
export const SERVER_MAX_IDS_PER_QUERY = 5_000;

/** `items` in consecutive slices of at most `size` (one slice when `size` is Infinity). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (items.length <= size) return [[...items]];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
