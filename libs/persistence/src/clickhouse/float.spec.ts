import { fromClickHouseFloat, toClickHouseFloat } from './float';

describe('ClickHouse floats', () => {
  test('toClickHouseFloat - non-finite values become the words ClickHouse reads', () => {
    expect([NaN, Infinity, -Infinity, -0.25].map(toClickHouseFloat)).toEqual(['nan', 'inf', '-inf', -0.25]);
  });

  test('fromClickHouseFloat - words and numeric strings become numbers', () => {
    expect(['nan', 'inf', '-inf', '+inf', '1e-3', 2].map(fromClickHouseFloat)).toEqual([
      NaN,
      Infinity,
      -Infinity,
      Infinity,
      0.001,
      2,
    ]);
  });
});
