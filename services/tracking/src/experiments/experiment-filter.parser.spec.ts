import { FilterSyntaxError, OrderBySyntaxError } from '../search/search.errors';
import { parseExperimentFilter, parseExperimentOrderBy } from './experiment-filter.parser';

describe('experiment filter parser', () => {
  test('filter - blank matches everything', () => {
    expect(parseExperimentFilter('  ')).toEqual({ tags: [], times: [] });
  });

  test('filter - name, times and tags joined by AND, with every way MLflow names them', () => {
    expect(
      parseExperimentFilter(
        "attributes.name ILIKE '%Churn%' and creation_time >= 1700000000000 AND " +
          "tags.mlflow.note = 'x' AND tags.`my key` != 'y' AND tag.\"other key\" LIKE 'z%' AND last_update_time < 5",
      ),
    ).toEqual({
      name: { op: 'ILIKE', value: '%Churn%' },
      times: [
        { key: 'creation_time', op: '>=', value: 1_700_000_000_000 },
        { key: 'last_update_time', op: '<', value: 5 },
      ],
      tags: [
        { key: 'mlflow.note', op: '=', value: 'x' },
        { key: 'my key', op: '!=', value: 'y' },
        { key: 'other key', op: 'LIKE', value: 'z%' },
      ],
    });
  });

  test.each([
    ["name = 'a' OR name = 'b'", 11, 'OR is not supported'],
    ["params.model = 'svc'", 0, 'unknown entity'],
    ["experiment_id = '1'", 0, 'unknown attribute'],
    ['name > 3', 5, 'expected operator for name'],
    ['name = 3', 7, 'expected a quoted string'],
    ["creation_time = 'today'", 16, 'expected integer milliseconds'],
    ['creation_time = 1.5', 16, 'expected integer milliseconds'],
    ["name = 'a' AND", 14, 'expected'],
  ])('filter - %s is refused at position %d', (input, position, reason) => {
    let error: unknown;
    try {
      parseExperimentFilter(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilterSyntaxError);
    expect(error).toMatchObject({ position, reason: expect.stringContaining(reason) });
  });

  test('order_by - keys with optional attribute prefix and direction (ASC by default)', () => {
    expect(
      parseExperimentOrderBy([
        'name',
        'attribute.creation_time DESC',
        'last_update_time asc',
        'experiment_id',
      ]),
    ).toEqual([
      { key: 'name', direction: 'ASC' },
      { key: 'creation_time', direction: 'DESC' },
      { key: 'last_update_time', direction: 'ASC' },
      { key: 'experiment_id', direction: 'ASC' },
    ]);
  });

  test.each([['tags.team'], ['name DESC extra'], ['run_name'], ['']])('order_by - %j is refused', (item) => {
    expect(() => parseExperimentOrderBy([item])).toThrow(OrderBySyntaxError);
  });
});
