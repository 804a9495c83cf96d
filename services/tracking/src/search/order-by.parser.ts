/**
 * Parser of MLflow's search_runs `order_by` items, one string each:
 *
 *   item := identifier [ASC | DESC]        ASC/DESC in any case; ASC when omitted
 *
 * with the identifiers of filters (see identifier.parser.ts); attributes are the orderable ones of
 * MLflow's RunInfo plus its `created` / `Created` alias of start_time.
 */
import { z } from 'zod';
import { formatIdentifier } from './filter.formatter';
import { tokenize } from './filter.lexer';
import { parseIdentifier } from './identifier.parser';
import { OrderBySyntaxError } from './search.errors';
import { describeToken, isKeyword, TokenCursor } from './token-cursor';
import { ORDER_BY_ATTRIBUTE_ALIASES, RUN_ATTRIBUTES } from './search.vocabulary';

const direction = z.enum(['ASC', 'DESC']);

/** One sort key of search_runs: runs are ordered by the first item, ties broken by the next. */
export const orderByItemSchema = z.union([
  z.strictObject({ entity: z.enum(['metric', 'param', 'tag']), key: z.string().min(1), direction }),
  z.strictObject({ entity: z.literal('attribute'), key: z.enum(RUN_ATTRIBUTES), direction }),
]);

export type OrderByItem = z.infer<typeof orderByItemSchema>;
export type OrderDirection = z.infer<typeof direction>;

/** Parses every item of an `order_by` list. Throws {@link OrderBySyntaxError} naming the first bad item. */
export function parseOrderBy(items: readonly string[]): OrderByItem[] {
  return items.map((item, index) => parseOrderByItem(item, index));
}

/** Parses one `order_by` item such as `metrics.f1 DESC`; `index` only labels errors. */
export function parseOrderByItem(input: string, index = 0): OrderByItem {
  const cursor = new TokenCursor(tokenize(input), (token, reason) => {
    throw new OrderBySyntaxError({ input, position: token.start, token: token.text, reason }, index);
  });
  if (cursor.peek().kind === 'eof') {
    cursor.fail(cursor.peek(), 'empty order_by item: expected an identifier such as metrics.<key>');
  }
  const id = parseIdentifier(cursor, ORDER_BY_ATTRIBUTE_ALIASES);
  let dir: OrderDirection = 'ASC';
  const next = cursor.next();
  if (isKeyword(next, 'ASC') || isKeyword(next, 'DESC')) {
    dir = isKeyword(next, 'DESC') ? 'DESC' : 'ASC';
    const end = cursor.next();
    if (end.kind !== 'eof') cursor.fail(end, `expected end of order_by item, got ${describeToken(end)}`);
  } else if (next.kind !== 'eof') {
    cursor.fail(next, `expected ASC, DESC or end of order_by item, got ${describeToken(next)}`);
  }
  return id.entity === 'attribute'
    ? { entity: 'attribute', key: id.key, direction: dir }
    : { entity: id.entity, key: id.key, direction: dir };
}

/** Writes an item back as `<identifier> ASC|DESC`, which {@link parseOrderByItem} reads as the same item. */
export function formatOrderByItem(item: OrderByItem): string {
  return `${formatIdentifier(item.entity, item.key)} ${item.direction}`;
}
