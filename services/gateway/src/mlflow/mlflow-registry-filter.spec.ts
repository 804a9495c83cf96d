import { ValidationError } from '@slipway/contracts';
import { parseRegistryFilter } from './mlflow-registry-filter';

describe('mlflow registry filter - search_registered_models / search_model_versions grammar', () => {
  test('empty - no clauses', () => {
    expect(parseRegistryFilter(undefined)).toEqual([]);
    expect(parseRegistryFilter('  ')).toEqual([]);
  });

  test('comparisons joined by AND, any case, quoted values with escaped quotes', () => {
    expect(
      parseRegistryFilter("name LIKE 'churn%' and tags.team = \"ml\" AND tags.`owner name` != 'it''s'"),
    ).toEqual([
      { field: 'name', op: 'LIKE', value: 'churn%' },
      { field: 'tags.team', op: '=', value: 'ml' },
      { field: 'tags.owner name', op: '!=', value: "it's" },
    ]);
  });

  test('IN lists', () => {
    expect(parseRegistryFilter("run_id IN ('a', 'b')")).toEqual([
      { field: 'run_id', op: 'IN', value: ['a', 'b'] },
    ]);
  });

  test('bad grammar - a 400 naming filter', () => {
    for (const bad of [
      'name = churn',
      "name ~ 'x'",
      "name = 'a' OR name = 'b'",
      'run_id IN ()',
      "name = 'a' $",
    ]) {
      const err = (() => {
        try {
          parseRegistryFilter(bad);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).issues[0]?.path).toBe('filter');
    }
  });
});
