import type { Token } from './filter.lexer';
import { describeToken, type TokenCursor } from './token-cursor';
import {
  ENTITY_PREFIXES,
  UNSUPPORTED_PREFIXES,
  RUN_ATTRIBUTES,
  isAttribute,
  type FilterEntity,
  type RunAttribute,
} from './search.vocabulary';

/** A resolved left-hand side: `metrics.f1`, `tags."team"`, `attributes.created` (→ start_time), `status`. */
export type Identifier =
  | { entity: Exclude<FilterEntity, 'attribute'>; key: string; keyToken: Token }
  | { entity: 'attribute'; key: RunAttribute; keyToken: Token };

/**
 * identifier := name '.' key | name
 * name       := WORD | `quoted` | "quoted"      (a lone name is a run attribute, as in MLflow)
 * key        := WORD ('.' WORD)* | `quoted` | "quoted"
 *
 * No whitespace is allowed around the dots. `aliases` maps MLflow's attribute aliases to canonical keys.
 */
export function parseIdentifier(cursor: TokenCursor, aliases: ReadonlyMap<string, RunAttribute>): Identifier {
  const first = cursor.next();
  if (first.kind === 'string' && first.quote === "'") {
    cursor.fail(
      first,
      'single quotes delimit values, not names; quote names with double quotes or backticks',
    );
  }
  const isName = first.kind === 'word' || first.kind === 'quoted-name' || first.kind === 'string';
  if (!isName)
    cursor.fail(first, `expected an identifier such as metrics.<key>, got ${describeToken(first)}`);

  const dot = cursor.peek();
  if (first.kind === 'string' || dot.kind !== 'dot') {
    return attribute(cursor, first, first.value, aliases, true);
  }
  if (dot.start !== first.end) cursor.fail(dot, "unexpected whitespace before '.' in identifier");
  cursor.next();
  const entity = resolveEntity(cursor, first);
  const { key, keyToken } = parseKey(cursor, dot);
  if (entity === 'attribute') return attribute(cursor, keyToken, key, aliases, false);
  return { entity, key, keyToken };
}

function resolveEntity(cursor: TokenCursor, token: Token): FilterEntity {
  const entity = ENTITY_PREFIXES.get(token.value);
  if (entity) return entity;
  if (UNSUPPORTED_PREFIXES.has(token.value)) {
    cursor.fail(token, 'dataset filters are not supported; use metrics., params., tags. or attributes.');
  }
  return cursor.fail(
    token,
    `unknown entity type ${JSON.stringify(token.value)}; expected metrics, params, tags or attributes ` +
      '(or metric, param, parameter, parameters, tag, attribute, attr, run)',
  );
}

function parseKey(cursor: TokenCursor, dot: Token): { key: string; keyToken: Token } {
  const keyToken = cursor.next();
  if (keyToken.kind === 'eof') cursor.fail(keyToken, "expected a key after '.', got end of input");
  if (keyToken.start !== dot.end) cursor.fail(keyToken, "unexpected whitespace after '.' in identifier");
  if (keyToken.kind === 'quoted-name' || (keyToken.kind === 'string' && keyToken.quote === '"')) {
    if (keyToken.value === '') cursor.fail(keyToken, 'empty key');
    return { key: keyToken.value, keyToken };
  }
  if (keyToken.kind === 'string') {
    cursor.fail(
      keyToken,
      'single quotes delimit values, not names; quote keys with double quotes or backticks',
    );
  }
  if (keyToken.kind === 'number') {
    cursor.fail(keyToken, 'a key that does not start with a letter or _ must be quoted with backticks');
  }
  if (keyToken.kind !== 'word')
    cursor.fail(keyToken, `expected a key after '.', got ${describeToken(keyToken)}`);

  const segments = [keyToken.text];
  let last = keyToken;
  for (let next = cursor.peek(); next.kind === 'dot' && next.start === last.end; next = cursor.peek()) {
    const separator = cursor.next();
    const segment = cursor.next();
    if (segment.kind !== 'word' || segment.start !== separator.end) {
      cursor.fail(
        segment,
        "expected a key segment after '.'; quote keys with special characters in backticks",
      );
    }
    segments.push(segment.text);
    last = segment;
  }
  return { key: segments.join('.'), keyToken };
}

function attribute(
  cursor: TokenCursor,
  token: Token,
  written: string,
  aliases: ReadonlyMap<string, RunAttribute>,
  bare: boolean,
): Identifier {
  const key = aliases.get(written) ?? written;
  if (isAttribute(key)) return { entity: 'attribute', key, keyToken: token };
  const hint = bare ? '; name metrics, params and tags as metrics.<key>, params.<key> or tags.<key>' : '';
  const valid = [...RUN_ATTRIBUTES, ...aliases.keys()].join(', ');
  return cursor.fail(
    token,
    `unknown attribute ${JSON.stringify(written)}; valid attributes are ${valid}${hint}`,
  );
}
