import type { CursorKey } from './page-token';
import type { SqlParams } from './sql-params';

/** How a sort key's value is compared (and how a page token carries it). */
export type SortKeyType = 'text' | 'integer' | 'float';

const SQL_TYPE: Readonly<Record<SortKeyType, string>> = { text: 'text', integer: 'bigint', float: 'float8' };

/**
 * One key of an ORDER BY, as SQL expressions this module generated from its own aliases (never
 * from user strings). Rows sort by `rank` ascending first, so missing values (rank > 0) come last
 * whatever the direction, as MLflow sorts them; then by `value` in `direction`.
 */
export interface SortKey {
  /** The value; NULL exactly when `rank` is above 0. */
  value: string;
  /** The rank (0 = has a value, 1, 2 = sorted after), or undefined when the value is never NULL. */
  rank?: string;
  direction: 'ASC' | 'DESC';
  type: SortKeyType;
}

/** `[expression, direction]` pairs for `ORDER BY`, rank before value. */
export function orderByTerms(keys: readonly SortKey[]): [string, 'ASC' | 'DESC'][] {
  return keys.flatMap((key): [string, 'ASC' | 'DESC'][] =>
    key.rank
      ? [
          [key.rank, 'ASC'],
          [key.value, key.direction],
        ]
      : [[key.value, key.direction]],
  );
}

/** Expressions to select with each row so the page's last row can become a cursor: `[rank, value]` per key. */
export function cursorSelections(keys: readonly SortKey[]): { rank: string; value: string }[] {
  return keys.map((key) => ({ rank: key.rank ?? '0', value: key.value }));
}

/**
 * The condition "comes strictly after `cursor` in the order of `keys`": the lexicographic
 * expansion `k1 > c1 OR (k1 = c1 AND k2 > c2) OR …`, where "after" for a key means a higher rank,
 * or the same rank 0 and a value further in its direction. The last key must be unique (run id).
 */
export function afterCursor(
  keys: readonly SortKey[],
  cursor: readonly CursorKey[],
  params: SqlParams,
): string {
  if (keys.length !== cursor.length || keys.length === 0) {
    throw new Error(`cursor has ${cursor.length} keys, the order has ${keys.length}`);
  }
  const equal: string[] = [];
  const disjuncts: string[] = [];
  keys.forEach((key, i) => {
    const at = cursor[i];
    if (!key.rank && at.value === null) throw new Error(`sort key ${i} cannot be missing`);
    const value = at.value === null ? undefined : `CAST(${params.add(at.value)} AS ${SQL_TYPE[key.type]})`;
    const rank = key.rank ? params.add(at.rank) : undefined;
    const after: string[] = [];
    if (key.rank) after.push(`${key.rank} > ${rank}`);
    if (value !== undefined) {
      const beyond = `${key.value} ${key.direction === 'ASC' ? '>' : '<'} ${value}`;
      after.push(key.rank ? `(${key.rank} = ${rank} AND ${beyond})` : beyond);
    }
    if (after.length > 0) {
      const further = after.length > 1 && equal.length > 0 ? `(${after.join(' OR ')})` : after.join(' OR ');
      disjuncts.push([...equal, further].join(' AND '));
    }
    equal.push(
      value === undefined
        ? `${key.rank} = ${rank}`
        : key.rank
          ? `${key.rank} = ${rank} AND ${key.value} = ${value}`
          : `${key.value} = ${value}`,
    );
  });
  return disjuncts.length === 0 ? 'FALSE' : `(${disjuncts.map((d) => `(${d})`).join(' OR ')})`;
}
