import { SlipwayError } from '@slipway/contracts';
import { formatOrderByItem, orderByItemSchema, parseOrderBy, parseOrderByItem } from './order-by.parser';
import { OrderBySyntaxError } from './search.errors';
import { mulberry32 } from './testing/mulberry32';
import { mutate, randomKey } from './testing/filter.generators';
import { RUN_ATTRIBUTES } from './search.vocabulary';

function failure(items: string[]): OrderBySyntaxError {
  try {
    parseOrderBy(items);
  } catch (error) {
    if (error instanceof OrderBySyntaxError) return error;
    throw error;
  }
  throw new Error(`accepted: ${items.join(' | ')}`);
}

describe('parseOrderBy', () => {
  test('order_by parser - parses entity, key and direction; ASC when omitted', () => {
    expect(parseOrderBy(['metrics.f1 DESC', 'params.model', 'attributes.start_time ASC', 'tags.x'])).toEqual([
      { entity: 'metric', key: 'f1', direction: 'DESC' },
      { entity: 'param', key: 'model', direction: 'ASC' },
      { entity: 'attribute', key: 'start_time', direction: 'ASC' },
      { entity: 'tag', key: 'x', direction: 'ASC' },
    ]);
    expect(parseOrderBy([])).toEqual([]);
  });

  test('order_by parser - quoted keys, aliases, bare attributes and any-case direction', () => {
    expect(
      parseOrderBy(['metrics.`f1 score` desc', 'tags."mlflow.user" Asc', 'created', 'run.Created DESC']),
    ).toEqual([
      { entity: 'metric', key: 'f1 score', direction: 'DESC' },
      { entity: 'tag', key: 'mlflow.user', direction: 'ASC' },
      { entity: 'attribute', key: 'start_time', direction: 'ASC' },
      { entity: 'attribute', key: 'start_time', direction: 'DESC' },
    ]);
    expect(parseOrderByItem('  status\n')).toEqual({ entity: 'attribute', key: 'status', direction: 'ASC' });
  });

  test.each([
    // [case, items, index, position, token, reason contains]
    [
      'misspelt direction',
      ['metrics.f1 DESCC'],
      0,
      11,
      'DESCC',
      'expected ASC, DESC or end of order_by item',
    ],
    [
      'text after the direction',
      ['params.a', 'metrics.f1 DESC x'],
      1,
      16,
      'x',
      'expected end of order_by item',
    ],
    ['empty item', ['  '], 0, 2, '', 'empty order_by item'],
    ['unknown attribute', ['attributes.experiment_id'], 0, 11, 'experiment_id', 'unknown attribute'],
    ['no run name alias in order_by', ['attributes.`run name`'], 0, 11, '`run name`', 'unknown attribute'],
    ['unknown entity', ['metricz.f1'], 0, 0, 'metricz', 'unknown entity type'],
    [
      'comma-joined items',
      ['metrics.a, metrics.b'],
      0,
      9,
      ',',
      "expected ASC, DESC or end of order_by item, got ','",
    ],
    ['unterminated quote', ['metrics.`f1 DESC'], 0, 8, '`f1 DESC', 'unterminated quoted name'],
    ['single-quoted key', ["tags.'x'"], 0, 5, "'x'", 'single quotes delimit values'],
    ['a keyword for the identifier', ['DESC'], 0, 0, 'DESC', 'unknown attribute'],
  ])('order_by parser - rejects %s', (_case, items, index, position, token, reason) => {
    const error = failure(items);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error.code).toBe('TRACKING.INVALID_ORDER_BY');
    expect({ index: error.index, position: error.position, token: error.token }).toEqual({
      index,
      position,
      token,
    });
    expect(error.reason).toContain(reason);
    expect(error.message).toMatch(new RegExp(`^invalid order_by item ${index} at position ${position} `));
  });

  test('order_by parser - 1,000 random items: format, then parse, gives the item back', () => {
    const r = mulberry32(99);
    for (let i = 0; i < 1000; i++) {
      const entity = r.pick(['metric', 'param', 'tag', 'attribute'] as const);
      const direction = r.pick(['ASC', 'DESC'] as const);
      const item =
        entity === 'attribute'
          ? { entity, key: r.pick(RUN_ATTRIBUTES), direction }
          : { entity, key: randomKey(r), direction };
      const text = formatOrderByItem(item);
      expect({ text, item: parseOrderByItem(text) }).toEqual({ text, item });
      expect(orderByItemSchema.safeParse(item).success).toBe(true);
    }
  });

  test('order_by parser - 2,000 mutated items: an item that round-trips, or a positioned OrderBySyntaxError', () => {
    const r = mulberry32(5);
    const seeds = [
      'metrics.`f1 score` DESC',
      'params.model asc',
      'attributes.start_time',
      'tags.mlflow.user DESC',
    ];
    const broken: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const input = mutate(r, r.pick(seeds));
      try {
        const item = parseOrderByItem(input, 3);
        const text = formatOrderByItem(item);
        const again = parseOrderByItem(text);
        if (JSON.stringify(again) !== JSON.stringify(item))
          broken.push(`${input}: re-parse of ${text} differs`);
      } catch (error) {
        const ok =
          error instanceof OrderBySyntaxError &&
          error.index === 3 &&
          error.position >= 0 &&
          error.position <= input.length &&
          input.startsWith(error.token, error.position);
        if (!ok) broken.push(`${JSON.stringify(input)}: ${String(error)}`);
      }
    }
    expect(broken.slice(0, 5)).toEqual([]);
  });
});
