import { ValidationError } from '@slipway/contracts';

/** One comparison of a registry search filter: `name LIKE 'churn%'`, `tags.team = 'ml'`, `run_id IN ('a')`. */
export interface FilterClause {
  /** `name`, `run_id`, … or `tags.<key>`. */
  field: string;
  op: '=' | '!=' | 'LIKE' | 'ILIKE' | 'IN';
  value: string | string[];
}

const TOKEN =
  /\s*(?:([A-Za-z_][A-Za-z0-9_.]*(?:`[^`]*`)?|`[^`]*`)|('(?:[^']|'')*'|"(?:[^"]|"")*")|(!=|=|\(|\)|,))/y;

function bad(filter: string, why: string): ValidationError {
  return new ValidationError('filter', [{ path: 'filter', message: `Invalid filter '${filter}': ${why}` }]);
}

function tokens(filter: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < filter.length) {
    if (/^\s*$/.test(filter.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(filter);
    if (!m) throw bad(filter, `unexpected character at position ${at}`);
    out.push(m[1] ?? m[2] ?? (m[3] as string));
  }
  return out;
}

const isQuoted = (t: string | undefined) => t !== undefined && /^['"]/.test(t);
const unquote = (t: string) => t.slice(1, -1).replace(t[0] === "'" ? /''/g : /""/g, t[0] as string);

/**
 * Parses MLflow's registry search filter (`search_registered_models`, `search_model_versions`):
 * comparisons joined by `AND`, string values in quotes, `tags.<key>` (or ``tags.`a key` ``).
 * Anything else is a 400 naming `filter`.
 */
export function parseRegistryFilter(filter: string | undefined): FilterClause[] {
  if (!filter?.trim()) return [];
  const ts = tokens(filter);
  const clauses: FilterClause[] = [];
  let i = 0;
  while (i < ts.length) {
    if (clauses.length > 0) {
      if (ts[i]?.toUpperCase() !== 'AND') throw bad(filter, `expected AND, got ${ts[i]}`);
      i += 1;
    }
    const ident = ts[i++];
    if (!ident || isQuoted(ident)) throw bad(filter, 'expected a field name');
    const field = ident.replace(/^tags\.`(.*)`$/, 'tags.$1').replace(/^`(.*)`$/, '$1');
    const op = ts[i++]?.toUpperCase();
    if (op === 'IN') {
      if (ts[i++] !== '(') throw bad(filter, 'IN needs a list in parentheses');
      const values: string[] = [];
      while (isQuoted(ts[i])) {
        values.push(unquote(ts[i++] as string));
        if (ts[i] === ',') i += 1;
      }
      if (ts[i++] !== ')' || values.length === 0) throw bad(filter, 'IN needs quoted values in parentheses');
      clauses.push({ field, op, value: values });
      continue;
    }
    if (op !== '=' && op !== '!=' && op !== 'LIKE' && op !== 'ILIKE')
      throw bad(filter, `unsupported comparator ${op ?? '(none)'}`);
    const value = ts[i++];
    if (!isQuoted(value)) throw bad(filter, `the value of ${field} must be a quoted string`);
    clauses.push({ field, op, value: unquote(value as string) });
  }
  return clauses;
}

/** Refuses a clause a registry search cannot answer, with MLflow's 400. */
export function unsupportedClause(c: FilterClause): ValidationError {
  return new ValidationError('filter', [
    { path: 'filter', message: `Invalid filter: ${c.field} ${c.op} is not supported here` },
  ]);
}
