import { SlipwayError } from '@slipway/contracts';

/** Stable codes of the run-search parse errors; the gateway maps both to MLflow's INVALID_PARAMETER_VALUE. */
export const TrackingSearchErrorCodes = {
  INVALID_FILTER: 'TRACKING.INVALID_FILTER',
  INVALID_ORDER_BY: 'TRACKING.INVALID_ORDER_BY',
} as const;

/** Where a search string went wrong and why; shared by filter and order_by errors. */
export interface SearchSyntaxProblem {
  /** The string that was parsed. */
  input: string;
  /** 0-based offset (UTF-16 code units) of the offending token; `input.length` for end of input. */
  position: number;
  /** The offending token as written, or `''` at end of input. */
  token: string;
  /** Why it was refused, e.g. `expected AND, got identifier`. */
  reason: string;
}

/** A search string that does not parse; `position` and `token` point at the first bad token. */
export abstract class SearchSyntaxError extends SlipwayError {
  readonly position: number;
  readonly token: string;
  readonly reason: string;
  /** The input line around `position` and a caret under it, for humans. */
  readonly pointer: string;

  protected constructor(code: string, what: string, problem: SearchSyntaxProblem) {
    const pointer = pointAt(problem.input, problem.position);
    const where =
      problem.token === '' ? 'at end of input' : `near ${JSON.stringify(abbreviate(problem.token))}`;
    super(code, `${what} at position ${problem.position} ${where}: ${problem.reason}\n${pointer}`, {
      position: problem.position,
      token: problem.token,
      reason: problem.reason,
    });
    this.position = problem.position;
    this.token = problem.token;
    this.reason = problem.reason;
    this.pointer = pointer;
  }
}

/** A `filter_string` of search_runs that is not valid MLflow filter syntax. */
export class FilterSyntaxError extends SearchSyntaxError {
  constructor(problem: SearchSyntaxProblem) {
    super(TrackingSearchErrorCodes.INVALID_FILTER, 'invalid filter', problem);
    this.name = 'FilterSyntaxError';
  }
}

/** An `order_by` item of search_runs that is not valid MLflow order_by syntax. */
export class OrderBySyntaxError extends SearchSyntaxError {
  constructor(
    problem: SearchSyntaxProblem,
    /** Which item of the order_by list was refused. */
    readonly index: number,
  ) {
    super(TrackingSearchErrorCodes.INVALID_ORDER_BY, `invalid order_by item ${index}`, problem);
    this.name = 'OrderBySyntaxError';
  }
}

const WINDOW = 40;

/** Two lines: the input line holding `position` (clipped to ±40 characters) and a `^` under the position. */
export function pointAt(input: string, position: number): string {
  const lineStart = input.lastIndexOf('\n', position - 1) + 1;
  const newline = input.indexOf('\n', position);
  const lineEnd = newline === -1 ? input.length : newline;
  const from = Math.max(lineStart, position - WINDOW);
  const to = Math.min(lineEnd, position + WINDOW);
  const head = from > lineStart ? '…' : '';
  const tail = to < lineEnd ? '…' : '';
  // Tabs and carriage returns would shift the caret; one space each keeps columns aligned.
  const line = input.slice(from, to).replace(/[\t\r]/g, ' ');
  return `  ${head}${line}${tail}\n  ${' '.repeat(head.length + position - from)}^`;
}

function abbreviate(token: string): string {
  return token.length > 32 ? `${token.slice(0, 31)}…` : token;
}
