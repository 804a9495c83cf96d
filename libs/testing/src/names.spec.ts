import { assertTestDatabaseName, uniqueSubjectRoot } from './names';

describe('test names', () => {
  test('uniqueSubjectRoot - a valid, fresh root each time', () => {
    const a = uniqueSubjectRoot();
    expect(a).toMatch(/^test_[0-9a-f]{8}$/);
    expect(uniqueSubjectRoot()).not.toBe(a);
  });

  test('assertTestDatabaseName - refuses a name without "test"', () => {
    expect(() => assertTestDatabaseName('slipway')).toThrow('its name must contain "test"');
    expect(assertTestDatabaseName('slipway_test_1')).toBe('slipway_test_1');
  });

  test('assertTestDatabaseName - refuses names needing quotes', () => {
    expect(() => assertTestDatabaseName('test"; DROP DATABASE x; --')).toThrow(/lower-case/);
  });
});
