/**
 * Parser of MLflow's run-search `filter_string`.
 *
 * Hand-written recursive descent over the tokens of `filter.lexer.ts`: the grammar is a dozen
 * productions, and a hand-written parser can name the exact token it choked on and say what it
 * expected there, which is what users of search_runs need from an error.
 *
 *   filter     := ε | clause (AND clause)*                       AND in any case; no OR, no parentheses
 *   clause     := identifier comparison                           identifier: see identifier.parser.ts
 *   comparison := operator value | [NOT] IN '(' string (',' string)* ')'
 *   operator   := = | != | < | <= | > | >= | LIKE | ILIKE         LIKE/ILIKE in any case
 *   value      := NUMBER | 'string' | "string"
 *
 * and the type rules MLflow applies: metrics and start_time/end_time take numeric operators and a
 * number (an integer for the times); params, tags and the other attributes take = != LIKE ILIKE and
 * a quoted string; only attributes.run_id takes IN / NOT IN, with a non-empty list of strings.
 */
import type {
  FilterAst,
  FilterClause,
  NumericAttributeClause,
  RunIdListClause,
  StringAttributeClause,
} from './filter.ast';
import { tokenize, type Token } from './filter.lexer';
import { parseIdentifier } from './identifier.parser';
import { FilterSyntaxError } from './search.errors';
import { describeToken, isKeyword, TokenCursor } from './token-cursor';
import {
  FILTER_ATTRIBUTE_ALIASES,
  LIST_ATTRIBUTE,
  NUMERIC_OPERATORS,
  isListOperator,
  isNumericAttribute,
  isNumericOperator,
  isStringOperator,
  type FilterOperator,
  type RunAttribute,
} from './search.vocabulary';

/** Parses an MLflow `filter_string`; an empty or blank string matches every run. Throws {@link FilterSyntaxError}. */
export function parseFilter(input: string): FilterAst {
  const cursor = new TokenCursor(tokenize(input), (token, reason) => {
    throw new FilterSyntaxError({ input, position: token.start, token: token.text, reason });
  });
  const clauses: FilterClause[] = [];
  if (cursor.peek().kind === 'eof') return { clauses };
  for (;;) {
    clauses.push(parseClause(cursor));
    const next = cursor.peek();
    if (next.kind === 'eof') return { clauses };
    if (isKeyword(next, 'OR')) {
      cursor.fail(next, 'OR is not supported: an MLflow filter is comparisons joined by AND');
    }
    if (!isKeyword(next, 'AND')) cursor.fail(next, `expected AND, got ${describeToken(next)}`);
    cursor.next();
  }
}

function parseClause(cursor: TokenCursor): FilterClause {
  const start = cursor.peek();
  if (start.kind === 'eof')
    cursor.fail(start, 'dangling AND: expected a comparison after AND, got end of input');
  if (isKeyword(start, 'AND')) cursor.fail(start, 'empty clause: expected a comparison, got keyword AND');
  if (start.kind === 'lparen')
    cursor.fail(start, 'parentheses are only allowed around the list of IN / NOT IN');
  const id = parseIdentifier(cursor, FILTER_ATTRIBUTE_ALIASES);
  const opToken = cursor.peek();
  const op = parseOperator(cursor);
  switch (id.entity) {
    case 'metric': {
      const numericOp = expectNumericOperator(cursor, op, opToken, 'metrics');
      return {
        entity: 'metric',
        key: id.key,
        op: numericOp,
        value: numberValue(cursor, cursor.next(), 'metrics'),
      };
    }
    case 'param': {
      const stringOp = expectStringOperator(cursor, op, opToken, 'params');
      return {
        entity: 'param',
        key: id.key,
        op: stringOp,
        value: stringValue(cursor, cursor.next(), 'params'),
      };
    }
    case 'tag': {
      const stringOp = expectStringOperator(cursor, op, opToken, 'tags');
      return { entity: 'tag', key: id.key, op: stringOp, value: stringValue(cursor, cursor.next(), 'tags') };
    }
    case 'attribute':
      return parseAttributeComparison(cursor, id.key, op, opToken);
  }
}

function parseAttributeComparison(
  cursor: TokenCursor,
  key: RunAttribute,
  op: FilterOperator,
  opToken: Token,
): StringAttributeClause | NumericAttributeClause | RunIdListClause {
  const subject = `attribute ${key}`;
  if (isNumericAttribute(key)) {
    const numericOp = expectNumericOperator(cursor, op, opToken, subject);
    return { entity: 'attribute', key, op: numericOp, value: integerValue(cursor, cursor.next(), key) };
  }
  if (isListOperator(op)) {
    if (key !== LIST_ATTRIBUTE) cursor.fail(opToken, `${op} is only supported for attributes.run_id`);
    return { entity: 'attribute', key: LIST_ATTRIBUTE, op, value: parseList(cursor) };
  }
  const stringOp = expectStringOperator(cursor, op, opToken, subject);
  return { entity: 'attribute', key, op: stringOp, value: stringValue(cursor, cursor.next(), subject) };
}

function parseOperator(cursor: TokenCursor): FilterOperator {
  const token = cursor.next();
  if (token.kind === 'operator') {
    if (token.text === '==') cursor.fail(token, "operator == is not supported; use '='");
    if (token.text === '<>') cursor.fail(token, "operator <> is not supported; use '!='");
    const op = NUMERIC_OPERATORS.find((candidate) => candidate === token.text);
    if (op) return op;
  }
  if (token.kind === 'word') {
    const word = token.text.toUpperCase();
    if (word === 'LIKE' || word === 'ILIKE' || word === 'IN') return word;
    if (word === 'NOT') {
      const inToken = cursor.next();
      if (!isKeyword(inToken, 'IN'))
        cursor.fail(inToken, `expected IN after NOT, got ${describeToken(inToken)}`);
      return 'NOT IN';
    }
    if (word === 'IS') cursor.fail(token, 'IS NULL / IS NOT NULL is not supported by MLflow filters');
  }
  return cursor.fail(
    token,
    `expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN), got ${describeToken(token)}`,
  );
}

function expectNumericOperator(cursor: TokenCursor, op: FilterOperator, token: Token, subject: string) {
  if (isNumericOperator(op)) return op;
  if (isListOperator(op)) return cursor.fail(token, `${op} is only supported for attributes.run_id`);
  return cursor.fail(token, `operator ${op} is not supported for ${subject}; use =, !=, <, <=, > or >=`);
}

function expectStringOperator(cursor: TokenCursor, op: FilterOperator, token: Token, subject: string) {
  if (isStringOperator(op)) return op;
  if (isListOperator(op)) return cursor.fail(token, `${op} is only supported for attributes.run_id`);
  return cursor.fail(token, `operator ${op} is not supported for ${subject}; use =, !=, LIKE or ILIKE`);
}

function numberValue(cursor: TokenCursor, token: Token, subject: string): number {
  if (token.kind !== 'number') {
    const got = token.kind === 'string' ? `string ${token.text}` : describeToken(token);
    cursor.fail(token, `${subject} compare against numbers, got ${got}`);
  }
  const value = Number(token.text);
  if (!Number.isFinite(value)) cursor.fail(token, 'number out of range');
  // -0 would not survive a round trip through text as itself; MLflow does not tell them apart either.
  return value === 0 ? 0 : value;
}

function integerValue(cursor: TokenCursor, token: Token, key: string): number {
  const value = numberValue(cursor, token, `attribute ${key}`);
  if (!Number.isSafeInteger(value)) {
    cursor.fail(token, `attribute ${key} is an integer (milliseconds since the epoch), got ${token.text}`);
  }
  return value;
}

function stringValue(cursor: TokenCursor, token: Token, subject: string): string {
  if (token.kind === 'string') return token.value;
  if (token.kind === 'quoted-name') {
    cursor.fail(token, 'backticks quote names, not values; quote values with single or double quotes');
  }
  const example = token.kind === 'number' ? ` (e.g. '${token.text}')` : '';
  return cursor.fail(
    token,
    `${subject} compare against quoted strings${example}, got ${describeToken(token)}`,
  );
}

function parseList(cursor: TokenCursor): string[] {
  const open = cursor.next();
  if (open.kind !== 'lparen')
    cursor.fail(open, `expected '(' to open the list of IN, got ${describeToken(open)}`);
  const values: string[] = [];
  for (;;) {
    const item = cursor.next();
    if (item.kind === 'rparen' && values.length === 0) {
      cursor.fail(item, 'empty list: IN / NOT IN needs at least one quoted string');
    }
    if (item.kind !== 'string')
      cursor.fail(item, `IN / NOT IN lists hold quoted strings, got ${describeToken(item)}`);
    values.push(item.value);
    const separator = cursor.next();
    if (separator.kind === 'rparen') return values;
    if (separator.kind !== 'comma')
      cursor.fail(separator, `expected ',' or ')' in the list, got ${describeToken(separator)}`);
  }
}
