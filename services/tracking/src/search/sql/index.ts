/**
 * Run search in Postgres: the parsed MLflow filter's param, tag and attribute clauses and the
 * order_by items become one parameterised TypeORM query, paginated by keyset with an opaque
 * token (base64url JSON of the last row's sort keys and run id, bound to the query).
 *
 * Metrics live in ClickHouse, so a search with metric clauses or metric ordering is answered in
 * two steps by the caller:
 *
 * 1. `const { metricClauses, relationalClauses } = partitionFilter(parseFilter(filterString))`.
 * 2. If `metricClauses` is not empty, ask the metrics store for the ids of the runs whose latest
 *    values satisfy all of them and pass them as `runIdsIn` (an empty list gives an empty page
 *    without touching Postgres).
 * 3. For each `metrics.<key>` item of `parseOrderBy(orderBy)`, ask the metrics store for the latest
 *    value per run (the runs of `runIdsIn` when set, else those of the experiments) and pass them
 *    as `metricSortValues` (key → run id → value; NaN and ±Infinity allowed). Runs without a value
 *    sort last, NaN just before them, in either direction, as MLflow does. Ordering by a metric
 *    without its values is an internal error, never a silently different order.
 * 4. `runSearch.search({ experimentIds, clauses: relationalClauses, orderBy, runIdsIn, metricSortValues,
 *    maxResults, pageToken })`, then add the metrics of the page's runs to each `data`.
 *
 * The page token records the sort-key values of the last row, so a page is computed afresh from
 * the current metric values: runs whose metric changes between pages may move, as in any keyset
 * pagination over live data, but a run never appears twice in a stable result set or goes missing.
 */
export { partitionFilter, relationalClauseSchema, type RelationalClause } from './filter.sql';
export type { MetricSortValues } from './order-by.sql';
export {
  RUN_SEARCH_LIMITS,
  runSearchQuerySchema,
  searchRunRecords,
  type RunPage,
  type RunSearchQuery,
} from './run-search.query';
export { RunSearchService } from './run-search.service';
export { InvalidPageTokenError, PageTokenErrorCodes } from './page-token';
