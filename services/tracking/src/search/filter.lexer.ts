/**
 * The lexer of MLflow's search language (filters and order_by items).
 *
 * It never throws: a character it cannot read becomes a final `error` token, so the parser reports
 * whichever problem comes first in the input, a syntax error before it or the lexical one itself.
 */

export type TokenKind =
  | 'word' // metrics, f1, AND, like: keywords are words, recognised by the parser case-insensitively
  | 'number' // 0.9, -3, 1e-5, .5
  | 'string' // 'svc' or "svc": a value, or (double-quoted) a name
  | 'quoted-name' // `team`: always a name, never a value
  | 'operator' // = != < <= > >= and the refused <> ==
  | 'dot'
  | 'comma'
  | 'lparen'
  | 'rparen'
  | 'eof'
  | 'error';

export interface Token {
  kind: TokenKind;
  /** The token as written, quotes included. */
  text: string;
  /** Decoded content: the unescaped text of a string or quoted name; `text` otherwise. */
  value: string;
  /** 0-based offset of the first character. */
  start: number;
  /** Offset just past the last character; `start === previous.end` means no whitespace between. */
  end: number;
  /** The delimiter of a `string` or `quoted-name`. */
  quote?: "'" | '"' | '`';
  /** Why an `error` token could not be read. */
  message?: string;
}

const WHITESPACE = /[ \t\r\n]/;
const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const NUMBER = /-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const OPERATORS = ['!=', '<=', '>=', '<>', '==', '=', '<', '>'];
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  '`': '`',
  n: '\n',
  r: '\r',
  t: '\t',
};
const PUNCTUATION: Readonly<Record<string, TokenKind>> = {
  '.': 'dot',
  ',': 'comma',
  '(': 'lparen',
  ')': 'rparen',
};

/** Splits `input` into tokens, ending with `eof`, or with `error` at the first unreadable character. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (;;) {
    while (at < input.length && WHITESPACE.test(input[at])) at++;
    if (at >= input.length) {
      tokens.push({ kind: 'eof', text: '', value: '', start: input.length, end: input.length });
      return tokens;
    }
    const token = readToken(input, at);
    tokens.push(token);
    if (token.kind === 'error') return tokens;
    at = token.end;
  }
}

function readToken(input: string, at: number): Token {
  const char = input[at];
  if (WORD_START.test(char)) return readWord(input, at);
  if (char === "'" || char === '"' || char === '`') return readQuoted(input, at, char);
  if (startsNumber(input, at)) return readNumber(input, at);
  const operator = OPERATORS.find((op) => input.startsWith(op, at));
  if (operator) return simple('operator', operator, at);
  const punctuation = PUNCTUATION[char];
  if (punctuation) return simple(punctuation, char, at);
  const whole = String.fromCodePoint(input.codePointAt(at) ?? 0);
  return failure(input, at, at + whole.length, `unexpected character ${JSON.stringify(whole)}`);
}

function readWord(input: string, at: number): Token {
  let end = at + 1;
  while (end < input.length && WORD_PART.test(input[end])) end++;
  return simple('word', input.slice(at, end), at);
}

/**
 * A `.` starts a number (`.5`) only where it cannot join an identifier: right after a word,
 * number or quoted name it is the separator of `metrics.f1` or `tags."a b"`.
 */
function startsNumber(input: string, at: number): boolean {
  const char = input[at];
  const next = input[at + 1] ?? '';
  if (DIGIT.test(char)) return true;
  if (char === '-') return DIGIT.test(next) || (next === '.' && DIGIT.test(input[at + 2] ?? ''));
  if (char !== '.' || !DIGIT.test(next)) return false;
  const previous = input[at - 1] ?? ' ';
  return !WORD_PART.test(previous) && !`'"\`.`.includes(previous);
}

function readNumber(input: string, at: number): Token {
  NUMBER.lastIndex = at;
  const match = NUMBER.exec(input);
  if (!match) return failure(input, at, at + 1, 'invalid number');
  const end = at + match[0].length;
  const after = input[end] ?? '';
  if (WORD_PART.test(after) || after === '.') {
    let stop = end;
    while (stop < input.length && (WORD_PART.test(input[stop]) || input[stop] === '.')) stop++;
    const written = input.slice(at, stop);
    const hint =
      input[at - 1] === '.'
        ? '; a key that does not start with a letter or _ must be quoted with backticks'
        : '';
    return failure(input, at, stop, `invalid number ${JSON.stringify(written)}${hint}`);
  }
  return simple('number', match[0], at);
}

/**
 * A quoted string or name. Inside, `\` escapes one of \ ' " ` n r t, and the delimiter doubled
 * (`'it''s'`, SQL style) stands for itself.
 */
function readQuoted(input: string, at: number, quote: "'" | '"' | '`'): Token {
  let value = '';
  let cursor = at + 1;
  while (cursor < input.length) {
    const char = input[cursor];
    if (char === '\\') {
      const escaped = input[cursor + 1];
      if (escaped === undefined) break;
      const decoded = ESCAPES[escaped];
      if (decoded === undefined) {
        const sequence = `\\${String.fromCodePoint(input.codePointAt(cursor + 1) ?? 0)}`;
        const reason = `unknown escape sequence ${sequence}; known are \\\\ \\' \\" \\\` \\n \\r \\t`;
        return failure(input, cursor, cursor + sequence.length, reason);
      }
      value += decoded;
      cursor += 2;
    } else if (char === quote) {
      if (input[cursor + 1] !== quote) {
        const text = input.slice(at, cursor + 1);
        return {
          kind: quote === '`' ? 'quoted-name' : 'string',
          text,
          value,
          start: at,
          end: cursor + 1,
          quote,
        };
      }
      value += quote;
      cursor += 2;
    } else {
      value += char;
      cursor++;
    }
  }
  const what = quote === '`' ? 'quoted name' : 'string';
  return failure(input, at, input.length, `unterminated ${what}: no closing ${quote}`);
}

function simple(kind: TokenKind, text: string, at: number): Token {
  return { kind, text, value: text, start: at, end: at + text.length };
}

function failure(input: string, start: number, end: number, message: string): Token {
  const text = input.slice(start, end);
  return { kind: 'error', text, value: text, start, end, message };
}
