/**
 * Run search: parsers of MLflow's search_runs `filter_string` and `order_by` items into typed,
 * zod-described ASTs, and their formatters. Pure: no I/O.
 */
export { parseFilter } from './filter.parser';
export { formatFilter, formatIdentifier } from './filter.formatter';
export {
  filterAstSchema,
  filterClauseSchema,
  metricClauseSchema,
  paramClauseSchema,
  tagClauseSchema,
  stringAttributeClauseSchema,
  numericAttributeClauseSchema,
  runIdListClauseSchema,
  type FilterAst,
  type FilterClause,
  type MetricClause,
  type ParamClause,
  type TagClause,
  type StringAttributeClause,
  type NumericAttributeClause,
  type RunIdListClause,
} from './filter.ast';
export {
  parseOrderBy,
  parseOrderByItem,
  formatOrderByItem,
  orderByItemSchema,
  type OrderByItem,
  type OrderDirection,
} from './order-by.parser';
export {
  FilterSyntaxError,
  OrderBySyntaxError,
  SearchSyntaxError,
  TrackingSearchErrorCodes,
  type SearchSyntaxProblem,
} from './search.errors';
export {
  FILTER_ENTITIES,
  RUN_ATTRIBUTES,
  STRING_ATTRIBUTES,
  NUMERIC_ATTRIBUTES,
  SQL_OPERATORS,
  type FilterEntity,
  type FilterOperator,
  type NumericOperator,
  type StringOperator,
  type ListOperator,
  type RunAttribute,
  type StringAttribute,
  type NumericAttribute,
} from './search.vocabulary';
