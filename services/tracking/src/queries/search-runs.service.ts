import { Injectable, Optional } from '@nestjs/common';
import type { RpcRequest, RpcResponse, SearchRuns } from '@slipway/contracts';
import { MetricQueries, type MetricSummary } from '../metrics';
import { stagesOf } from '../persistence/lifecycle';
import type { RunDetails } from '../runs/run.entity';
import { RunInputsService } from '../runs/run-inputs.service';
import { RunsService } from '../runs/runs.service';
import { parseFilter, parseOrderBy, type MetricClause, type OrderByItem, type ParamClause } from '../search';
import {
  InvalidPageTokenError,
  partitionFilter,
  RunSearchService,
  type MetricSortValues,
  type RelationalClause,
} from '../search/sql';
import { fingerprint } from '../search/sql/page-token';
import { SearchIndex } from '../search-index';
import { decodeOffsetToken, encodeOffsetToken } from '../search-index/offset-page-token';
import { runView, summariesByRun } from './run-views';

type SearchRequest = RpcRequest<typeof SearchRuns>;
type SearchResponse = RpcResponse<typeof SearchRuns>;
type MetricOrderItem = OrderByItem & { entity: 'metric' };

/** Runs ClickHouse hands out beyond a page, so a few deleted runs among them cost no second query. */
const SLACK = 16;

/**
 * MLflow's run search over both stores.
 *
 * - Metric and param clauses with metric ordering (the common search: `metrics.f1 > 0.9 AND
 *   params.model = 'svc'` by `metrics.f1 DESC`) are one ClickHouse query over the metric
 *   summaries and the copy of runs and params ({@link SearchIndex}), paginated by offset; Postgres
 *   then loads the page's runs, dropping those whose lifecycle the view excludes.
 * - Anything else (tags, attributes, ordering by params or attributes, or before the copy is
 *   complete): metric clauses and metric ordering are answered by ClickHouse aggregates,
 *   params/tags/attributes and keyset pagination by Postgres.
 */
@Injectable()
export class SearchRunsService {
  constructor(
    private readonly runs: RunsService,
    private readonly search: RunSearchService,
    private readonly metrics: MetricQueries,
    private readonly inputs: RunInputsService,
    @Optional() private readonly index?: SearchIndex,
  ) {}

  /** {@link searchPage}, with each run's dataset inputs when the request asks for them. */
  async searchRuns(request: SearchRequest): Promise<SearchResponse> {
    const found = await this.searchPage(request);
    if (!request.includeInputs) return found;
    const inputs = await this.inputs.inputsOfRuns(found.runs.map((r) => r.info.runId));
    return { ...found, runs: found.runs.map((r) => ({ ...r, inputs: inputs.get(r.info.runId) ?? [] })) };
  }

  private async searchPage(request: SearchRequest): Promise<SearchResponse> {
    const { metricClauses, relationalClauses } = partitionFilter(parseFilter(request.filter));
    const orderBy = parseOrderBy(request.orderBy);
    const paramClauses = relationalClauses.filter((c): c is ParamClause => c.entity === 'param');
    const metricOrder = orderBy.filter((o): o is MetricOrderItem => o.entity === 'metric');
    const offsetToken = request.pageToken ? decodeOffsetToken(request.pageToken) : undefined;
    const inClickHouse =
      paramClauses.length === relationalClauses.length &&
      metricOrder.length === orderBy.length &&
      (metricClauses.length > 0 || metricOrder.length > 0) &&
      (request.pageToken === undefined || offsetToken !== undefined) &&
      this.index !== undefined &&
      (await this.index.isReady());
    if (inClickHouse) return this.searchInClickHouse(request, metricClauses, paramClauses, metricOrder);
    if (offsetToken) throw new InvalidPageTokenError('it was issued for another search');
    return this.searchInPostgres(request, metricClauses, relationalClauses, orderBy);
  }

  private async searchInClickHouse(
    request: SearchRequest,
    metricClauses: MetricClause[],
    paramClauses: ParamClause[],
    orderBy: MetricOrderItem[],
  ): Promise<SearchResponse> {
    const query = fingerprint([
      'ch-runs',
      [...request.experimentIds].sort(),
      request.runViewType,
      metricClauses,
      paramClauses,
      orderBy,
    ]);
    let offset = 0;
    if (request.pageToken) {
      const token = decodeOffsetToken(request.pageToken)!;
      if (token.query !== query) throw new InvalidPageTokenError('it was issued for another search');
      offset = token.offset;
    }
    const stages = stagesOf(request.runViewType);
    const want = request.maxResults + 1;
    // The page's runs in order, each with its position in ClickHouse's result (for the next token).
    const found: { details: RunDetails; position: number }[] = [];
    const summaries = new Map<string, MetricSummary[]>();
    // Each further round asks for 4× more: a few deleted runs cost nothing, many (or a
    // DELETED_ONLY view) a handful of rounds rather than one per page.
    for (let more = true, round = 0; more && found.length < want; round++) {
      const limit = (want - found.length + SLACK) * 4 ** Math.min(round, 6);
      const ids = await this.index!.searchRunIds({
        experimentIds: request.experimentIds,
        metricClauses,
        paramClauses,
        orderBy,
        limit,
        offset,
      });
      const [details, metrics] = await Promise.all([
        this.search.detailsOf(ids, stages),
        this.metrics.latestMetrics(ids),
      ]);
      for (const [runId, list] of summariesByRun(metrics)) summaries.set(runId, list);
      ids.forEach((runId, i) => {
        const d = details.get(runId);
        if (d && found.length < want) found.push({ details: d, position: offset + i });
      });
      more = ids.length === limit;
      offset += ids.length;
    }
    const page = found.slice(0, request.maxResults);
    const next = found[request.maxResults];
    return {
      runs: page.map(({ details }) => runView(details, summaries.get(details.info.runId) ?? [])),
      ...(next ? { nextPageToken: encodeOffsetToken(query, next.position) } : {}),
    };
  }

  private async searchInPostgres(
    request: SearchRequest,
    metricClauses: MetricClause[],
    relationalClauses: RelationalClause[],
    orderBy: OrderByItem[],
  ): Promise<SearchResponse> {
    const metricOrder = orderBy.filter((o) => o.entity === 'metric');

    let candidates: string[] | undefined;
    if (metricClauses.length > 0 || metricOrder.length > 0) {
      candidates = await this.runs.runIdsOf(request.experimentIds, request.runViewType);
    }
    let runIdsIn: string[] | undefined;
    if (metricClauses.length > 0) {
      runIdsIn = await this.metrics.filterRunsByMetrics(
        candidates,
        metricClauses.map((c) => ({ key: c.key, op: c.op, value: c.value })),
      );
    }
    let metricSortValues: MetricSortValues | undefined;
    if (metricOrder.length > 0) {
      const summaries = await this.metrics.latestMetrics(runIdsIn ?? candidates ?? [], [
        ...new Set(metricOrder.map((o) => o.key)),
      ]);
      const values = new Map<string, Map<string, number>>(metricOrder.map((o) => [o.key, new Map()]));
      for (const s of summaries) values.get(s.key)?.set(s.runId, s.latest);
      metricSortValues = values;
    }

    const page = await this.search.search({
      experimentIds: request.experimentIds,
      clauses: relationalClauses,
      orderBy,
      viewType: request.runViewType,
      maxResults: request.maxResults,
      pageToken: request.pageToken,
      runIdsIn,
      metricSortValues,
    });
    const summaries = summariesByRun(await this.metrics.latestMetrics(page.runs.map((r) => r.info.runId)));
    return {
      runs: page.runs.map((d) => runView(d, summaries.get(d.info.runId) ?? [])),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  }
}
