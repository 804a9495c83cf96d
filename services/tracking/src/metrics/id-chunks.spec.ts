import { chunks } from './id-chunks';

test('chunks - slices in order, one slice when the size is Infinity', () => {
  expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  expect(chunks([1, 2, 3], Infinity)).toEqual([[1, 2, 3]]);
  expect(chunks([], 2)).toEqual([[]]);
});
