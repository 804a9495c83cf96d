import { SlipwayError } from '@slipway/contracts';
import { parseFilter } from './filter.parser';
import { FilterSyntaxError } from './search.errors';

function failure(input: string): FilterSyntaxError {
  try {
    parseFilter(input);
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error;
    throw error;
  }
  throw new Error(`accepted: ${input}`);
}

describe('parseFilter errors', () => {
  test('filter parser - an error is a SlipwayError with code, position, token, message and caret', () => {
    const error = failure(`metrics.f1 > 0.9 ANDD params.model = 'svc'`);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error.code).toBe('TRACKING.INVALID_FILTER');
    expect(error.name).toBe('FilterSyntaxError');
    expect(error.position).toBe(17);
    expect(error.token).toBe('ANDD');
    expect(error.message).toBe(
      'invalid filter at position 17 near "ANDD": expected AND, got identifier\n' +
        "  metrics.f1 > 0.9 ANDD params.model = 'svc'\n" +
        '                   ^',
    );
    expect(error.toJSON()).toEqual({
      code: 'TRACKING.INVALID_FILTER',
      message: error.message,
      details: { position: 17, token: 'ANDD', reason: 'expected AND, got identifier' },
    });
  });

  test('filter parser - the caret line shows only the line of the error, clipped around it', () => {
    const error = failure(`metrics.a > 1 AND\n\tparams.b = 2`);
    expect(error.position).toBe(30);
    expect(error.pointer).toBe('   params.b = 2\n              ^');
    const long = failure(`${'metrics.a > 1 AND '.repeat(10)}metrics.b LIKE 'x'`);
    expect(long.pointer.split('\n')[0]).toMatch(/^ {2}….*LIKE 'x'$/);
    expect(long.pointer.split('\n')[1].indexOf('^')).toBe(long.pointer.split('\n')[0].indexOf('LIKE'));
  });

  test.each([
    // [case, input, position, token, reason contains]
    [
      'wrong operator for a metric',
      `metrics.f1 LIKE 'x'`,
      11,
      'LIKE',
      'operator LIKE is not supported for metrics',
    ],
    ['IN on a metric', `metrics.f1 IN ('x')`, 11, 'IN', 'IN is only supported for attributes.run_id'],
    ['numeric operator on a param', `params.lr > '0.1'`, 10, '>', 'operator > is not supported for params'],
    ['numeric operator on a tag', `tags.t <= 'x'`, 7, '<=', 'not supported for tags'],
    ['LIKE on a time attribute', `attributes.end_time LIKE '1'`, 20, 'LIKE', 'attribute end_time'],
    [
      'IN on another attribute',
      `attributes.status IN ('A')`,
      18,
      'IN',
      'only supported for attributes.run_id',
    ],
    ['NOT IN on a tag', `tags.x NOT IN ('A')`, 7, 'NOT', 'only supported for attributes.run_id'],
    [
      'string for a metric',
      `metrics.f1 > '0.9'`,
      13,
      "'0.9'",
      "metrics compare against numbers, got string '0.9'",
    ],
    [
      'number for a param',
      `params.lr = 0.1`,
      12,
      '0.1',
      "params compare against quoted strings (e.g. '0.1')",
    ],
    ['number for a tag', `tags.v = 2`, 9, '2', 'tags compare against quoted strings'],
    ['bare word for a param', `params.model = svc`, 15, 'svc', 'got identifier'],
    ['backticks as a value', 'params.model = `svc`', 15, '`svc`', 'backticks quote names, not values'],
    ['fraction for a time', `attributes.start_time > 1.5`, 24, '1.5', 'is an integer'],
    [
      'string for a time',
      `attributes.start_time > '1'`,
      24,
      "'1'",
      'attribute start_time compare against numbers',
    ],
    [
      'unknown attribute',
      `attributes.experiment_id = '1'`,
      11,
      'experiment_id',
      'unknown attribute "experiment_id"',
    ],
    ['unknown bare attribute', `f1 > 0.9`, 0, 'f1', 'name metrics, params and tags as metrics.<key>'],
    ['unknown entity', `metricz.f1 > 1`, 0, 'metricz', 'unknown entity type "metricz"'],
    ['entity prefixes are case-sensitive', `Metrics.f1 > 1`, 0, 'Metrics', 'unknown entity type'],
    ['dataset filters', `datasets.name = 'x'`, 0, 'datasets', 'dataset filters are not supported'],
    ['single-quoted key', `tags.'team' = 'x'`, 5, "'team'", 'single quotes delimit values'],
    ['single-quoted name', `'status' = 'x'`, 0, "'status'", 'single quotes delimit values'],
    ['empty quoted key', 'tags.`` = "x"', 5, '``', 'empty key'],
    ['key starting with a digit', `params.1st = 'x'`, 7, '1st', 'must be quoted with backticks'],
    ['numeric key', `metrics.5 > 1`, 8, '5', 'must be quoted with backticks'],
    ['key with a hyphen', `metrics.cross-entropy < 1`, 13, '-', 'unexpected character "-"'],
    ['whitespace after the dot', `metrics. f1 > 1`, 9, 'f1', "unexpected whitespace after '.'"],
    ['whitespace before the dot', `metrics .f1 > 1`, 8, '.', "unexpected whitespace before '.'"],
    ['dot with no key', `metrics.`, 8, '', "expected a key after '.', got end of input"],
    ['trailing dot in a key', `tags.a. = 'x'`, 8, '=', 'expected a key segment'],
    ['unterminated single-quoted string', `params.m = 'svc`, 11, "'svc", 'unterminated string'],
    ['unterminated double-quoted string', `params.m = "svc' AND x`, 11, `"svc' AND x`, 'unterminated string'],
    ['unterminated quoted name', 'tags.`team = "x"', 5, '`team = "x"', 'unterminated quoted name'],
    ['string ending in a backslash', `params.m = 'svc\\`, 11, "'svc\\", 'unterminated string'],
    ['unknown escape', `params.m = 'a\\qb'`, 13, '\\q', 'unknown escape sequence \\q'],
    ['trailing garbage', `metrics.a > 1 x`, 14, 'x', 'expected AND, got identifier'],
    ['trailing parenthesis', `metrics.a > 1)`, 13, ')', "expected AND, got ')'"],
    ['trailing semicolon', `metrics.a > 1;`, 13, ';', 'unexpected character ";"'],
    ['empty clause', `metrics.a > 1 AND AND metrics.b < 2`, 18, 'AND', 'empty clause'],
    ['leading AND', `AND metrics.a > 1`, 0, 'AND', 'empty clause'],
    ['dangling AND', `metrics.a > 1 AND`, 17, '', 'dangling AND'],
    ['dangling AND before blanks', `metrics.a > 1 and   `, 20, '', 'dangling AND'],
    ['OR', `metrics.a > 1 OR metrics.b > 1`, 14, 'OR', 'OR is not supported'],
    ['lower-case or', `metrics.a > 1 or metrics.b > 1`, 14, 'or', 'OR is not supported'],
    ['grouping parentheses', `(metrics.a > 1)`, 0, '(', 'parentheses are only allowed around the list'],
    ['missing operator', `metrics.a 1`, 10, '1', 'expected a comparison operator'],
    ['missing value', `metrics.a >`, 11, '', 'compare against numbers, got end of input'],
    ['missing comparison', `metrics.a`, 9, '', 'expected a comparison operator'],
    ['==', `metrics.a == 1`, 10, '==', "use '='"],
    ['<>', `metrics.a <> 1`, 10, '<>', "use '!='"],
    ['lone !', `metrics.a ! 1`, 10, '!', 'unexpected character "!"'],
    ['IS NULL', `tags.t IS NULL`, 7, 'IS', 'IS NULL / IS NOT NULL is not supported'],
    ['NOT LIKE', `tags.t NOT LIKE 'x'`, 11, 'LIKE', 'expected IN after NOT'],
    ['IN without a list', `run_id IN 'a'`, 10, "'a'", "expected '(' to open the list"],
    ['empty IN list', `run_id IN ()`, 11, ')', 'empty list'],
    ['trailing comma in a list', `run_id IN ('a',)`, 15, ')', 'lists hold quoted strings'],
    ['number in a list', `run_id IN ('a', 1)`, 16, '1', 'lists hold quoted strings, got number'],
    ['unclosed list', `run_id IN ('a'`, 14, '', "expected ',' or ')'"],
    ['invalid number', `metrics.a > 1.2.3`, 12, '1.2.3', 'invalid number "1.2.3"'],
    ['number glued to a word', `metrics.a > 1AND metrics.b > 2`, 12, '1AND', 'invalid number'],
    ['number out of range', `metrics.a > 1e999`, 12, '1e999', 'number out of range'],
    [
      'time beyond a safe integer',
      `attributes.end_time < 9007199254740993`,
      22,
      '9007199254740993',
      'is an integer',
    ],
    ['non-ASCII outside quotes', `metrics.a > 1 AND métrics.b > 1`, 19, 'é', 'unexpected character "é"'],
    ['no-break space', `metrics.a >\u00a01`, 11, '\u00a0', 'unexpected character'],
  ])('filter parser - rejects %s', (_case, input, position, token, reason) => {
    const error = failure(input);
    expect({ position: error.position, token: error.token }).toEqual({ position, token });
    expect(error.reason).toContain(reason);
    expect(input.slice(error.position, error.position + error.token.length)).toBe(error.token);
  });

  test('filter parser - the first error in the input wins over a later unreadable character', () => {
    expect(failure(`metrics.a LIKE 'x' AND params.b = 'unterminated`).token).toBe('LIKE');
    expect(failure(`metrics.a > 1 AND params.b = 'x' ; OR`).token).toBe(';');
  });
});
