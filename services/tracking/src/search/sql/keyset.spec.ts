import { afterCursor, orderByTerms, type SortKey } from './keyset';
import { SqlParams } from './sql-params';

const keys: SortKey[] = [
  { value: 'o.value', rank: 'o.rank', direction: 'DESC', type: 'float' },
  { value: 'r.run_id', direction: 'ASC', type: 'text' },
];

test('keyset - rank sorts before value, ascending, so missing values come last either way', () => {
  expect(orderByTerms(keys)).toEqual([
    ['o.rank', 'ASC'],
    ['o.value', 'DESC'],
    ['r.run_id', 'ASC'],
  ]);
});

test('keyset - after a present value: a higher rank, a further value, or equal and a later run id', () => {
  const params = new SqlParams();
  const sql = afterCursor(
    keys,
    [
      { rank: 0, value: 0.5 },
      { rank: 0, value: 'r1' },
    ],
    params,
  );
  expect(sql).toBe(
    '((o.rank > :p1 OR (o.rank = :p1 AND o.value < CAST(:p0 AS float8))) OR ' +
      '(o.rank = :p1 AND o.value = CAST(:p0 AS float8) AND r.run_id > CAST(:p2 AS text)))',
  );
  expect(params.all()).toEqual({ p0: 0.5, p1: 0, p2: 'r1' });
});

test('keyset - after a missing value: only a higher rank, or the same rank and a later run id', () => {
  const params = new SqlParams();
  const sql = afterCursor(
    keys,
    [
      { rank: 2, value: null },
      { rank: 0, value: 'r1' },
    ],
    params,
  );
  expect(sql).toBe('((o.rank > :p0) OR (o.rank = :p0 AND r.run_id > CAST(:p1 AS text)))');
  expect(params.all()).toEqual({ p0: 2, p1: 'r1' });
});

test('keyset - a cursor that does not fit the order is a programming error', () => {
  expect(() => afterCursor(keys, [{ rank: 0, value: 'x' }], new SqlParams())).toThrow(/cursor has 1 keys/);
});
