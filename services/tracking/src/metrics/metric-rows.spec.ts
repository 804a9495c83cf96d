import { flag, float, int, text } from './metric-rows';

describe('row cells', () => {
  test('int - numbers and numeric strings (quoted 64-bit integers) that are safe integers', () => {
    expect([int(3), int('-42'), int('9007199254740991')]).toEqual([3, -42, 9007199254740991]);
    expect([int(1.5), int('9007199254740993'), int(''), int('x'), int(null)]).toEqual(
      Array(5).fill(undefined),
    );
  });

  test('float - numbers, and the strings ClickHouse writes for NaN and infinities', () => {
    expect([float(0.5), float('nan'), float('-nan'), float('inf'), float('-inf'), float('1e-7')]).toEqual([
      0.5,
      NaN,
      NaN,
      Infinity,
      -Infinity,
      1e-7,
    ]);
    expect([float('abc'), float(null), float(''), float(true)]).toEqual(Array(4).fill(undefined));
  });

  test('text and flag - only their own types', () => {
    expect([text('a'), text(1), flag(1), flag(0), flag(2), flag('1')]).toEqual([
      'a',
      undefined,
      true,
      false,
      undefined,
      undefined,
    ]);
  });
});
