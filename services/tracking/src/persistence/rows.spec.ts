import { z } from 'zod';
import { millisColumn, parseRows, returnedRows } from './rows';

test('millisColumn - reads bigint strings and numbers, refuses what is not a safe non-negative integer', () => {
  expect(millisColumn.parse('1764000000000')).toBe(1_764_000_000_000);
  expect(millisColumn.parse(5)).toBe(5);
  for (const bad of ['-1', '1.5', '9007199254740993', 'abc', null, 1.5]) {
    expect(millisColumn.safeParse(bad).success).toBe(false);
  }
});

test('parseRows - a row that does not match is a validation error naming the row and field', () => {
  expect(() => parseRows(z.object({ a: z.string() }), [{ a: 'x' }, { a: 1 }], 'sample row')).toThrow(
    /invalid sample row: \[1\]\.a/,
  );
});

test("returnedRows - unwraps TypeORM's [rows, count] answer to UPDATE/DELETE … RETURNING", () => {
  expect(returnedRows([[{ key: 'a' }], 1])).toEqual([{ key: 'a' }]);
  expect(() => returnedRows([{ key: 'a' }])).toThrow(/UPDATE\/DELETE result/);
});
