import { filterAstSchema, type FilterClause } from './filter.ast';
import { formatFilter } from './filter.formatter';
import { parseFilter } from './filter.parser';

const one = (input: string): FilterClause => {
  const { clauses } = parseFilter(input);
  expect(clauses).toHaveLength(1);
  return clauses[0];
};

describe('parseFilter', () => {
  test('filter parser - parses the four kinds of clause joined by AND', () => {
    const ast = parseFilter(
      `metrics.f1 > 0.9 AND params.model = 'svc' AND tags."team" LIKE 'ml%' AND attributes.status = 'FINISHED'`,
    );
    expect(ast).toEqual({
      clauses: [
        { entity: 'metric', key: 'f1', op: '>', value: 0.9 },
        { entity: 'param', key: 'model', op: '=', value: 'svc' },
        { entity: 'tag', key: 'team', op: 'LIKE', value: 'ml%' },
        { entity: 'attribute', key: 'status', op: '=', value: 'FINISHED' },
      ],
    });
    expect(filterAstSchema.safeParse(ast).success).toBe(true);
  });

  test('filter parser - an empty or blank filter matches every run', () => {
    expect(parseFilter('')).toEqual({ clauses: [] });
    expect(parseFilter(' \t\n ')).toEqual({ clauses: [] });
  });

  test.each(['=', '!=', '<', '<=', '>', '>='] as const)(
    'filter parser - metrics take numeric operator %s',
    (op) => {
      expect(one(`metrics.loss ${op} 0.15`)).toEqual({ entity: 'metric', key: 'loss', op, value: 0.15 });
      expect(one(`attributes.start_time ${op} 1664067852747`)).toEqual({
        entity: 'attribute',
        key: 'start_time',
        op,
        value: 1664067852747,
      });
    },
  );

  test.each(['=', '!=', 'LIKE', 'ILIKE'] as const)(
    'filter parser - params, tags and string attributes take %s',
    (op) => {
      expect(one(`params.model ${op} 'GPT%'`)).toEqual({ entity: 'param', key: 'model', op, value: 'GPT%' });
      expect(one(`tags.task ${op} "classif%"`)).toEqual({
        entity: 'tag',
        key: 'task',
        op,
        value: 'classif%',
      });
      expect(one(`attributes.user_id ${op} 'u1'`)).toEqual({
        entity: 'attribute',
        key: 'user_id',
        op,
        value: 'u1',
      });
    },
  );

  test('filter parser - attributes.run_id takes IN and NOT IN with a list of strings', () => {
    expect(one(`attributes.run_id IN ('a1b2', "e5f6")`)).toEqual({
      entity: 'attribute',
      key: 'run_id',
      op: 'IN',
      value: ['a1b2', 'e5f6'],
    });
    expect(one(`run_id not  in('x')`)).toEqual({
      entity: 'attribute',
      key: 'run_id',
      op: 'NOT IN',
      value: ['x'],
    });
  });

  test('filter parser - AND, LIKE, ILIKE, IN and NOT are case-insensitive', () => {
    const ast = parseFilter(`params.a like 'x' and tags.b IlIkE 'y' AnD attributes.run_id nOt In ('r')`);
    expect(ast.clauses.map((c) => c.op)).toEqual(['LIKE', 'ILIKE', 'NOT IN']);
  });

  test('filter parser - numbers: negative, fraction, exponent, leading dot', () => {
    const values = ['-3', '0.5', '.5', '-.5', '5.', '1e3', '1E-3', '-2.5e+2', '007'].map(
      (text) => one(`metrics.m = ${text}`).value,
    );
    expect(values).toEqual([-3, 0.5, 0.5, -0.5, 5, 1000, 0.001, -250, 7]);
    expect(one('metrics.m = -0').value).toBe(0);
    expect(parseFilter('metrics.m>-1 AND metrics.n<=.5').clauses.map((c) => c.value)).toEqual([-1, 0.5]);
  });

  test('filter parser - keys: bare dotted words, double quotes, backticks with any character', () => {
    expect(one(`tags.mlflow.user = 'me'`).key).toBe('mlflow.user');
    expect(one(`metrics."f1 score" > 0`).key).toBe('f1 score');
    expect(one('metrics.`cross-entropy-loss` < 0.5').key).toBe('cross-entropy-loss');
    expect(one('params.`1st_iteration` = "x"').key).toBe('1st_iteration');
    expect(one('tags.`a``b` = "x"').key).toBe('a`b');
    expect(one('params.AND = "x"').key).toBe('AND');
  });

  test('filter parser - strings: both quotes, backslash escapes, doubled quotes', () => {
    expect(one(`params.p = 'it\\'s'`).value).toBe("it's");
    expect(one(`params.p = 'it''s'`).value).toBe("it's");
    expect(one(`params.p = "say \\"hi\\""`).value).toBe('say "hi"');
    expect(one(`params.p = 'a\\\\b\\n\\t'`).value).toBe('a\\b\n\t');
    expect(one(`params.p = ''`).value).toBe('');
    expect(one(`params.p = 'AND metrics.x > 1'`).value).toBe('AND metrics.x > 1');
  });

  test('filter parser - MLflow prefix aliases and attribute aliases resolve to canonical names', () => {
    const ast = parseFilter(
      'metric.a > 1 AND param.b = "x" AND parameters.c = "y" AND tag.d = "z" AND attr.status = "RUNNING" ' +
        'AND run.created > 5 AND attribute.`Run Name` = "r" AND `params`.e = "w"',
    );
    expect(ast.clauses.map((c) => [c.entity, c.key])).toEqual([
      ['metric', 'a'],
      ['param', 'b'],
      ['param', 'c'],
      ['tag', 'd'],
      ['attribute', 'status'],
      ['attribute', 'start_time'],
      ['attribute', 'run_name'],
      ['param', 'e'],
    ]);
  });

  test('filter parser - a lone name is a run attribute, as in MLflow', () => {
    expect(one(`status = 'FAILED'`)).toEqual({
      entity: 'attribute',
      key: 'status',
      op: '=',
      value: 'FAILED',
    });
    expect(one('Created >= 10')).toEqual({ entity: 'attribute', key: 'start_time', op: '>=', value: 10 });
    expect(one(`"run name" = 'x'`)).toEqual({ entity: 'attribute', key: 'run_name', op: '=', value: 'x' });
  });

  test('filter parser - whitespace is free between tokens and optional around symbols', () => {
    expect(parseFilter("\n metrics.a>1\tAND\nparams.b='x' ")).toEqual(
      parseFilter("metrics.a > 1 AND params.b = 'x'"),
    );
  });

  test('filter parser - formatFilter writes the canonical spelling, which parses to the same AST', () => {
    const input = `metric.\`f1 score\` >= 1e-3 and tag.mlflow.user ilike "%o'k%" and run_id NOT IN ('a','b')`;
    const text = formatFilter(parseFilter(input));
    expect(text).toBe(
      `metrics.\`f1 score\` >= 0.001 AND tags.mlflow.user ILIKE '%o\\'k%' AND attributes.run_id NOT IN ('a', 'b')`,
    );
    expect(parseFilter(text)).toEqual(parseFilter(input));
  });
});
