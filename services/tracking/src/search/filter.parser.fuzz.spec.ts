import { isDeepStrictEqual } from 'node:util';
import { filterAstSchema, type FilterAst } from './filter.ast';
import { formatFilter } from './filter.formatter';
import { parseFilter } from './filter.parser';
import { FilterSyntaxError } from './search.errors';
import { mutate, randomAst, renderVariant, tokenMutation, tokenSoup } from './testing/filter.generators';
import { mulberry32 } from './testing/mulberry32';

const SEEDS = [
  `metrics.f1 > 0.9 AND params.model = 'svc' AND tags."team" LIKE 'ml%' AND attributes.status = 'FINISHED'`,
  `attributes.run_id IN ('a1', 'b2') and metrics.\`f1 score\` <= -1e-3 AND tags.mlflow.user ILIKE "%x%"`,
  `run.created >= 1664067852747 AND params.lr != '0.1' AND status NOT IN ('x')`,
  `params.p = 'it''s \\'quoted\\' \\\\ here'`,
];

type Outcome = 'accepted' | 'rejected';

/** Runs one input; returns how it ended, or throws a description of a broken invariant. */
function check(input: string): Outcome {
  let ast;
  try {
    ast = parseFilter(input);
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw new Error(`non-FilterSyntaxError ${String(error)}`);
    if (!Number.isInteger(error.position) || error.position < 0 || error.position > input.length) {
      throw new Error(`position ${error.position} outside 0..${input.length}`);
    }
    if (input.slice(error.position, error.position + error.token.length) !== error.token) {
      throw new Error(`token ${JSON.stringify(error.token)} is not at position ${error.position}`);
    }
    if (error.code !== 'TRACKING.INVALID_FILTER') throw new Error(`code ${error.code}`);
    return 'rejected';
  }
  if (!filterAstSchema.safeParse(ast).success)
    throw new Error(`AST fails its schema: ${JSON.stringify(ast)}`);
  const text = formatFilter(ast);
  const again = parseFilter(text);
  if (!isDeepStrictEqual(again, ast)) throw new Error(`re-parse of ${JSON.stringify(text)} differs`);
  if (formatFilter(again) !== text) throw new Error(`formatting is not stable for ${JSON.stringify(text)}`);
  return 'accepted';
}

/** Checks every input, reporting the first broken invariants with their inputs. */
function run(inputs: readonly string[]): Record<Outcome, number> & { slowestMs: number } {
  const counts = { accepted: 0, rejected: 0, slowestMs: 0 };
  const broken: string[] = [];
  for (const input of inputs) {
    const started = performance.now();
    try {
      counts[check(input)]++;
    } catch (error) {
      if (broken.length < 5) broken.push(`${JSON.stringify(input)}: ${(error as Error).message}`);
    }
    counts.slowestMs = Math.max(counts.slowestMs, performance.now() - started);
  }
  expect(broken).toEqual([]);
  return counts;
}

describe('parseFilter fuzz', () => {
  test('filter parser - 3,000 token soups and token-level mutations: an AST that round-trips, or a positioned FilterSyntaxError', () => {
    const r = mulberry32(0x5eed);
    const inputs = Array.from({ length: 3000 }, (_, i) =>
      i % 2 === 0 ? tokenSoup(r) : tokenMutation(r, renderVariant(r, randomAst(r))),
    );
    const counts = run(inputs);
    expect(counts.accepted).toBeGreaterThan(100);
    expect(counts.rejected).toBeGreaterThan(2000);
    expect(counts.slowestMs).toBeLessThan(250);
  });

  test('filter parser - 3,000 mutations of valid filters: round-trip or positioned FilterSyntaxError', () => {
    const r = mulberry32(0xc0ffee);
    const inputs = Array.from({ length: 3000 }, (_, i) => {
      const valid = i % 2 === 0 ? r.pick(SEEDS) : renderVariant(r, randomAst(r));
      return mutate(r, valid);
    });
    const counts = run(inputs);
    // Both outcomes must be common, or the fuzz is not exploring the boundary of the language.
    expect(counts.accepted).toBeGreaterThan(300);
    expect(counts.rejected).toBeGreaterThan(1000);
    expect(counts.slowestMs).toBeLessThan(250);
  });

  test('filter parser - a filter of 5,000 clauses parses in linear time', () => {
    const input = Array.from(
      { length: 5000 },
      (_, i) => `metrics.m${i} > ${i} AND tags.\`t ${i}\` = 'v'`,
    ).join(' AND ');
    const started = performance.now();
    expect(parseFilter(input).clauses).toHaveLength(10000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('parseFilter properties', () => {
  /** Parses each text and lists the first mismatches with the AST it was written from. */
  function mismatches(cases: readonly { text: string; ast: FilterAst }[]): string[] {
    return cases
      .filter(({ text, ast }) => !isDeepStrictEqual(parseFilter(text), ast))
      .slice(0, 5)
      .map(({ text, ast }) => `${JSON.stringify(text)} should be ${JSON.stringify(ast)}`);
  }

  test('filter parser - 2,000 random ASTs: format, then parse, gives the AST back', () => {
    const r = mulberry32(42);
    const cases = Array.from({ length: 2000 }, () => randomAst(r)).map((ast) => ({
      text: formatFilter(ast),
      ast,
    }));
    expect(mismatches(cases)).toEqual([]);
  });

  test('filter parser - 2,000 random ASTs written with aliases, other quotes, any keyword case and spacing', () => {
    const r = mulberry32(7);
    const cases = Array.from({ length: 2000 }, () => randomAst(r)).map((ast) => ({
      text: renderVariant(r, ast),
      ast,
    }));
    expect(mismatches(cases)).toEqual([]);
  });
});
