import type { FilterAst, FilterClause } from './filter.ast';
import { CANONICAL_PREFIX, type FilterEntity } from './search.vocabulary';

const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Writes `ast` back as an MLflow filter string that {@link parseFilter} reads as the same AST:
 * canonical prefixes (`metrics.`, `params.`, `tags.`, `attributes.`), keys quoted with backticks
 * when they are not plain dotted words, values in single quotes, clauses joined by ` AND `.
 */
export function formatFilter(ast: FilterAst): string {
  return ast.clauses.map(formatClause).join(' AND ');
}

function formatClause(clause: FilterClause): string {
  const value = Array.isArray(clause.value)
    ? `(${clause.value.map(quoteValue).join(', ')})`
    : typeof clause.value === 'number'
      ? String(clause.value)
      : quoteValue(clause.value);
  return `${formatIdentifier(clause.entity, clause.key)} ${clause.op} ${value}`;
}

/** `metrics.f1`, ``tags.`team name` ``: an identifier as filters and order_by items write it. */
export function formatIdentifier(entity: FilterEntity, key: string): string {
  return `${CANONICAL_PREFIX[entity]}.${BARE_KEY.test(key) ? key : quote(key, '`')}`;
}

function quoteValue(value: string): string {
  return quote(value, "'");
}

function quote(text: string, delimiter: "'" | '`'): string {
  const escaped = text.replace(/\\/g, '\\\\').replaceAll(delimiter, `\\${delimiter}`);
  return `${delimiter}${escaped}${delimiter}`;
}
