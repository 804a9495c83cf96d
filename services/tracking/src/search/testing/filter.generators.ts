/** Random filters for the fuzz and property tests: valid ASTs, alternative spellings of them, token soups, mutations. */
import type { FilterAst, FilterClause } from '../filter.ast';
import {
  NUMERIC_ATTRIBUTES,
  NUMERIC_OPERATORS,
  STRING_ATTRIBUTES,
  STRING_OPERATORS,
} from '../search.vocabulary';
import { tokenize } from '../filter.lexer';
import type { Random } from './mulberry32';

const NASTY = [
  ' ',
  '-',
  '/',
  '.',
  "'",
  '"',
  '`',
  '\\',
  '%',
  '_',
  'é',
  '😀',
  '\n',
  '\t',
  '(',
  ')',
  ',',
  '=',
  'AND',
  'or',
];
const WORDS = ['f1', 'loss', 'model', 'team', 'mlflow.user', 'a.b.c', 'AND', 'in', 'like', 'x_1', '_'];

export function randomText(r: Random, minLength = 0): string {
  let text = '';
  const length = r.int(minLength, 8);
  for (let i = 0; i < length; i++) {
    text += r.chance(0.5) ? String.fromCharCode(r.int(97, 122)) : r.pick(NASTY);
  }
  return text;
}

export function randomKey(r: Random): string {
  return r.chance(0.5) ? r.pick(WORDS) : randomText(r, 1);
}

export function randomNumber(r: Random): number {
  const value = r.pick([
    () => r.int(-1000, 1000),
    () => (r.next() - 0.5) * 2000,
    () => (r.next() - 0.5) * 10 ** r.int(-320, 308),
    () => r.pick([0, 1, -1, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e21, 0.1]),
  ])();
  return Number.isFinite(value) && value !== 0 ? value : 0;
}

function randomClause(r: Random): FilterClause {
  switch (r.int(0, 5)) {
    case 0:
      return { entity: 'metric', key: randomKey(r), op: r.pick(NUMERIC_OPERATORS), value: randomNumber(r) };
    case 1:
      return { entity: 'param', key: randomKey(r), op: r.pick(STRING_OPERATORS), value: randomText(r) };
    case 2:
      return { entity: 'tag', key: randomKey(r), op: r.pick(STRING_OPERATORS), value: randomText(r) };
    case 3:
      return {
        entity: 'attribute',
        key: r.pick(STRING_ATTRIBUTES),
        op: r.pick(STRING_OPERATORS),
        value: randomText(r),
      };
    case 4: {
      const value = r.pick([
        r.int(-1e6, 1e6),
        r.int(0, 2e12),
        Number.MAX_SAFE_INTEGER,
        -Number.MAX_SAFE_INTEGER,
        0,
      ]);
      return { entity: 'attribute', key: r.pick(NUMERIC_ATTRIBUTES), op: r.pick(NUMERIC_OPERATORS), value };
    }
    default: {
      const value = Array.from({ length: r.int(1, 4) }, () => randomText(r));
      return { entity: 'attribute', key: 'run_id', op: r.pick(['IN', 'NOT IN'] as const), value };
    }
  }
}

export function randomAst(r: Random): FilterAst {
  return { clauses: Array.from({ length: r.int(0, 5) }, () => randomClause(r)) };
}

const PREFIXES: Record<FilterClause['entity'], readonly string[]> = {
  metric: ['metrics', 'metric', '`metrics`'],
  param: ['params', 'param', 'parameter', 'parameters'],
  tag: ['tags', 'tag', '`tag`'],
  attribute: ['attributes', 'attribute', 'attr', 'run', ''],
};
const BARE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** A spelling of `ast` other than `formatFilter`'s: aliases, other quotes, keyword case, odd whitespace. */
export function renderVariant(r: Random, ast: FilterAst): string {
  const space = (min: number) => (min === 0 && r.chance(0.3) ? '' : r.pick([' ', '  ', '\t', '\n', ' \n ']));
  const clauses = ast.clauses.map((clause) => {
    const op = /^[A-Z ]+$/.test(clause.op)
      ? `${space(1)}${randomCase(r, clause.op).replace(' ', space(1))}${space(1)}`
      : `${space(0)}${clause.op}${space(0)}`;
    return `${renderIdentifier(r, clause)}${op}${renderValue(r, clause.value)}`;
  });
  const joined = clauses.map((c, i) => (i === 0 ? c : `${space(1)}${randomCase(r, 'AND')}${space(1)}${c}`));
  return `${space(0)}${joined.join('')}${space(0)}`;
}

function renderIdentifier(r: Random, clause: FilterClause): string {
  let key: string = clause.key;
  if (clause.entity === 'attribute' && key === 'start_time' && r.chance(0.3))
    key = r.pick(['created', 'Created']);
  if (clause.entity === 'attribute' && key === 'run_name' && r.chance(0.3))
    key = r.pick(['run name', 'Run Name']);
  const prefix = r.pick(PREFIXES[clause.entity]);
  const quoted = BARE.test(key) && r.chance(0.6) ? key : quoteWith(r, key, r.pick(['`', '"'] as const));
  return prefix === '' ? quoted : `${prefix}.${quoted}`;
}

function renderValue(r: Random, value: FilterClause['value']): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => quoteWith(r, item, r.pick(["'", '"'] as const)));
    return `(${items.join(`${r.pick(['', ' '])},${r.pick(['', ' ', '\n'])}`)})`;
  }
  if (typeof value === 'number') return r.chance(0.3) ? value.toExponential() : String(value);
  return quoteWith(r, value, r.pick(["'", '"'] as const));
}

function quoteWith(r: Random, text: string, quote: "'" | '"' | '`'): string {
  let body = '';
  for (const char of text) {
    if (char === '\\') body += '\\\\';
    else if (char === quote) body += r.chance(0.5) ? `\\${quote}` : quote + quote;
    else if (char === '\n' && r.chance(0.5)) body += '\\n';
    else if (char === '\t' && r.chance(0.5)) body += '\\t';
    else body += char;
  }
  return `${quote}${body}${quote}`;
}

function randomCase(r: Random, word: string): string {
  return [...word].map((c) => (r.chance(0.5) ? c.toLowerCase() : c.toUpperCase())).join('');
}

const SOUP = [
  'metrics',
  'params',
  'tags',
  'attributes',
  'metric',
  'run',
  'attr',
  'datasets',
  'Metrics',
  '.',
  'f1',
  'model',
  'status',
  'start_time',
  'run_id',
  'created',
  '"run name"',
  '`a b`',
  '"team"',
  "'svc'",
  '"x"',
  "'open",
  '`open',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '==',
  '<>',
  '!',
  'LIKE',
  'ilike',
  'IN',
  'not',
  'IS',
  'NULL',
  'AND',
  'and',
  'OR',
  '(',
  ')',
  ',',
  '0.9',
  '-1',
  '1e5',
  '.5',
  '1e',
  '00',
  '1.2.3',
  '-',
  "'a\\'b'",
  "'a''b'",
  "'\\q'",
  ';',
  '%',
  '\\',
  '😀',
  '\u00a0',
  '\n',
  '',
];

/** 1-15 tokens of the language (and some outside it), glued with or without whitespace. */
export function tokenSoup(r: Random): string {
  const parts = Array.from({ length: r.int(1, 15) }, () => r.pick(SOUP));
  return parts.reduce((text, part) => text + r.pick(['', ' ', ' ', '  ', '\t']) + part, '');
}

/**
 * A valid filter with 1-2 whole tokens deleted, duplicated, swapped or replaced by a soup token:
 * errors deep inside otherwise well-formed filters.
 */
export function tokenMutation(r: Random, valid: string): string {
  const tokens = tokenize(valid).filter((token) => token.kind !== 'eof');
  const pieces = tokens.map((token, i) => ({
    gap: valid.slice(i === 0 ? 0 : tokens[i - 1].end, token.start),
    text: token.text,
  }));
  for (let n = r.int(1, 2); n > 0 && pieces.length > 0; n--) {
    const at = r.int(0, pieces.length - 1);
    const kind = r.int(0, 3);
    if (kind === 0) pieces.splice(at, 1);
    else if (kind === 1) pieces.splice(at, 0, { ...pieces[at] });
    else if (kind === 2 && at + 1 < pieces.length)
      [pieces[at], pieces[at + 1]] = [pieces[at + 1], pieces[at]];
    else pieces[at] = { gap: pieces[at].gap, text: r.pick(SOUP) };
  }
  return pieces.map((piece) => piece.gap + piece.text).join('');
}

const MUTANTS = [...' \'"`\\.,()=!<>-+eE0123456789aAnNdDoOrR_%\n\t', '😀', 'é', '\ud83d'];

/** `text` with 1-3 random single-character inserts, deletes or replacements. */
export function mutate(r: Random, text: string): string {
  let mutated = text;
  for (let n = r.int(1, 3); n > 0; n--) {
    const at = r.int(0, mutated.length);
    const kind = r.int(0, 2);
    const char = r.pick(MUTANTS);
    if (kind === 0) mutated = mutated.slice(0, at) + char + mutated.slice(at);
    else if (kind === 1) mutated = mutated.slice(0, at) + mutated.slice(at + 1);
    else mutated = mutated.slice(0, at) + char + mutated.slice(at + 1);
  }
  return mutated;
}
