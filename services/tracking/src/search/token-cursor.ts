import type { Token } from './filter.lexer';
import { KEYWORDS } from './search.vocabulary';

/** Raises the parser's typed error for `token`; never returns. */
export type Fail = (token: Token, reason: string) => never;

/**
 * A read position in a token list. Reaching the lexer's `error` token raises the lexical error,
 * so a parser only sees tokens that were read correctly.
 */
export class TokenCursor {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    readonly fail: Fail,
  ) {}

  /** The current token, without consuming it. */
  peek(): Token {
    const token = this.tokens[Math.min(this.index, this.tokens.length - 1)];
    if (token.kind === 'error') this.fail(token, token.message ?? 'unreadable input');
    return token;
  }

  /** The current token, consumed (end of input is never consumed). */
  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }
}

export function isKeyword(token: Token, keyword: string): boolean {
  return token.kind === 'word' && token.text.toUpperCase() === keyword;
}

/** How a token is named in `expected X, got Y` messages. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'word':
      return KEYWORDS.has(token.text.toUpperCase()) ? `keyword ${token.text.toUpperCase()}` : 'identifier';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'quoted-name':
      return 'quoted name';
    case 'operator':
      return `operator ${token.text}`;
    case 'eof':
      return 'end of input';
    default:
      return `'${token.text}'`;
  }
}
