import { tokenize, type Token } from '../search/filter.lexer';
import { FilterSyntaxError, OrderBySyntaxError } from '../search/search.errors';
import { NUMERIC_OPERATORS, STRING_OPERATORS } from '../search/search.vocabulary';
import { describeToken, isKeyword, TokenCursor } from '../search/token-cursor';
import type { ExperimentSearchQuery } from './experiment-search.query';

type Conditions = Required<Pick<ExperimentSearchQuery, 'tags' | 'times'>> &
  Pick<ExperimentSearchQuery, 'name'>;
type OrderItem = NonNullable<ExperimentSearchQuery['orderBy']>[number];

const TIME_ATTRIBUTES = ['creation_time', 'last_update_time'] as const;
const FILTER_ATTRIBUTES = ['name', ...TIME_ATTRIBUTES] as const;
const ORDER_KEYS = ['name', 'creation_time', 'last_update_time', 'experiment_id'] as const;
const ATTRIBUTE_PREFIXES = new Set(['attribute', 'attributes', 'attr']);
const TAG_PREFIXES = new Set(['tag', 'tags']);

/**
 * Parses MLflow's search-experiments `filter_string`: comparisons joined by AND over `name`,
 * `creation_time`, `last_update_time` (bare or after `attribute.`) and `tags.<key>`.
 * Blank matches every experiment. Throws {@link FilterSyntaxError} pointing at the bad token.
 */
export function parseExperimentFilter(input: string): Conditions {
  const cursor = new TokenCursor(tokenize(input), (token, reason) => {
    throw new FilterSyntaxError({ input, position: token.start, token: token.text, reason });
  });
  const conditions: Conditions = { tags: [], times: [] };
  if (cursor.peek().kind === 'eof') return conditions;
  for (;;) {
    const { entity, key, keyToken } = identifier(cursor, FILTER_ATTRIBUTES);
    const opToken = cursor.next();
    if (entity === 'tag' || key === 'name') {
      const op = oneOf(cursor, STRING_OPERATORS, opToken, opToken.text.toUpperCase(), `operator for ${key}`);
      const value = cursor.next();
      if (value.kind !== 'string' || value.quote === '`')
        cursor.fail(value, `expected a quoted string, got ${describeToken(value)}`);
      if (entity === 'tag') conditions.tags.push({ key, op, value: value.value });
      else if (conditions.name) cursor.fail(keyToken, 'name may be compared once');
      else conditions.name = { op, value: value.value };
    } else {
      const op = oneOf(cursor, NUMERIC_OPERATORS, opToken, opToken.text, `operator for ${key}`);
      const value = cursor.next();
      if (value.kind !== 'number' || !Number.isSafeInteger(Number(value.text)))
        cursor.fail(value, `expected integer milliseconds since the epoch, got ${describeToken(value)}`);
      conditions.times.push({
        key: oneOf(cursor, TIME_ATTRIBUTES, keyToken, key, 'attribute'),
        op,
        value: Number(value.text),
      });
    }
    const next = cursor.next();
    if (next.kind === 'eof') return conditions;
    if (!isKeyword(next, 'AND')) {
      const or = isKeyword(next, 'OR') ? 'OR is not supported: ' : '';
      cursor.fail(next, `${or}expected AND, got ${describeToken(next)}`);
    }
  }
}

/** Parses `order_by` items such as `name ASC`, `attribute.creation_time DESC`. Throws {@link OrderBySyntaxError}. */
export function parseExperimentOrderBy(items: readonly string[]): OrderItem[] {
  return items.map((input, index) => {
    const cursor = new TokenCursor(tokenize(input), (token, reason) => {
      throw new OrderBySyntaxError({ input, position: token.start, token: token.text, reason }, index);
    });
    const { entity, key, keyToken } = identifier(cursor, ORDER_KEYS);
    if (entity === 'tag')
      cursor.fail(keyToken, `experiments are ordered by ${ORDER_KEYS.join(', ')}, not tags`);
    const orderKey = oneOf(cursor, ORDER_KEYS, keyToken, key, 'order key');
    let direction: OrderItem['direction'] = 'ASC';
    let next = cursor.next();
    if (isKeyword(next, 'ASC') || isKeyword(next, 'DESC')) {
      direction = isKeyword(next, 'DESC') ? 'DESC' : 'ASC';
      next = cursor.next();
    }
    if (next.kind !== 'eof')
      cursor.fail(next, `expected ASC, DESC or end of item, got ${describeToken(next)}`);
    return { key: orderKey, direction };
  });
}

/** `name`, `attribute.name`, `creation_time`, `tags.team`, ``tags.`my key` ``, `tags."my key"`. */
function identifier(
  cursor: TokenCursor,
  attributes: readonly string[],
): { entity: 'attribute' | 'tag'; key: string; keyToken: Token } {
  const first = cursor.next();
  if (first.kind !== 'word' && first.kind !== 'quoted-name')
    cursor.fail(first, `expected ${attributes.join(', ')} or tags.<key>, got ${describeToken(first)}`);
  const dot = cursor.peek();
  if (dot.kind !== 'dot' || dot.start !== first.end)
    return { entity: 'attribute', ...attribute(cursor, first, attributes) };
  cursor.next();
  const prefix = first.value.toLowerCase();
  const keyToken = cursor.next();
  if (keyToken.start !== dot.end) cursor.fail(keyToken, "unexpected whitespace after '.'");
  if (ATTRIBUTE_PREFIXES.has(prefix))
    return { entity: 'attribute', ...attribute(cursor, keyToken, attributes) };
  if (!TAG_PREFIXES.has(prefix))
    cursor.fail(first, `unknown entity ${JSON.stringify(first.value)}; expected attribute or tags`);
  if (keyToken.kind === 'quoted-name' || (keyToken.kind === 'string' && keyToken.quote === '"'))
    return { entity: 'tag', key: keyToken.value, keyToken };
  if (keyToken.kind !== 'word') cursor.fail(keyToken, `expected a tag key, got ${describeToken(keyToken)}`);
  const segments = [keyToken.text];
  let last = keyToken;
  for (let next = cursor.peek(); next.kind === 'dot' && next.start === last.end; next = cursor.peek()) {
    const separator = cursor.next();
    last = cursor.next();
    if (last.kind !== 'word' || last.start !== separator.end)
      cursor.fail(last, "expected a key segment after '.'; quote keys with special characters in backticks");
    segments.push(last.text);
  }
  return { entity: 'tag', key: segments.join('.'), keyToken };
}

function attribute(
  cursor: TokenCursor,
  token: Token,
  attributes: readonly string[],
): { key: string; keyToken: Token } {
  const key = token.value;
  if (!attributes.includes(key))
    cursor.fail(
      token,
      `unknown attribute ${JSON.stringify(key)}; expected ${attributes.join(', ')} or tags.<key>`,
    );
  return { key, keyToken: token };
}

/** `value` when it is one of `values`, else the parser's error at `token`. */
function oneOf<T extends string>(
  cursor: TokenCursor,
  values: readonly T[],
  token: Token,
  value: string,
  what: string,
): T {
  const found = values.find((v) => v === value);
  if (found === undefined)
    return cursor.fail(token, `expected ${what} ${values.join(', ')}, got ${describeToken(token)}`);
  return found;
}
