import { upcast, upcasterMap, withDefault } from './event-upcasters';

const t = (v: number) => `dev.test.thing.v${v}`;

describe('event upcasters', () => {
  const chain = upcasterMap([
    { from: t(1), to: t(2), up: withDefault('colour', 'blue') },
    { from: t(2), to: t(3), up: (d) => ({ ...(d as object), size: 1 }) },
  ]);

  test('upcast - a v1 event walks the chain to the current version, each step adding its default', () => {
    expect(upcast({ type: t(1), data: { name: 'a' } }, chain)).toEqual({
      type: t(3),
      data: { name: 'a', colour: 'blue', size: 1 },
    });
    expect(upcast({ type: t(2), data: { colour: 'red' } }, chain)).toEqual({
      type: t(3),
      data: { colour: 'red', size: 1 },
    });
  });

  test('upcast - a current or unknown type comes back unchanged; the input is not mutated', () => {
    const stored = { type: t(1), data: { name: 'a' } };
    upcast(stored, chain);
    expect(stored).toEqual({ type: t(1), data: { name: 'a' } });
    const current = { type: t(3), data: { x: 1 } };
    expect(upcast(current, chain)).toBe(current);
    expect(upcast({ type: 'dev.other.v1', data: 1 }, chain)).toEqual({ type: 'dev.other.v1', data: 1 });
  });

  test('withDefault - keeps a value that is there, leaves non-objects alone', () => {
    expect(withDefault('colour', 'blue')({ colour: null })).toEqual({ colour: null });
    expect(withDefault('colour', 'blue')([1])).toEqual([1]);
  });

  test('upcasterMap - refuses two upcasters of one type; upcast refuses a loop', () => {
    const step = { from: t(1), to: t(2), up: (d: unknown) => d };
    expect(() => upcasterMap([step, step])).toThrow(/two upcasters read/);
    const loop = upcasterMap([step, { from: t(2), to: t(1), up: (d: unknown) => d }]);
    expect(() => upcast({ type: t(1), data: {} }, loop)).toThrow(/loop/);
  });
});
