import { assertIdentifier } from './identifier';

describe('assertIdentifier', () => {
  test('accepts lower-case identifiers', () => {
    expect(assertIdentifier('schema', 'tracking_2')).toBe('tracking_2');
  });

  test.each(['Tracking', '2abc', 'a-b', 'a"; DROP SCHEMA x; --', '', 'x'.repeat(64)])(
    'refuses %p',
    (name) => {
      expect(() => assertIdentifier('schema', name)).toThrow(
        expect.objectContaining({ code: 'PERSISTENCE.INVALID_DEFINITION' }),
      );
    },
  );
});
