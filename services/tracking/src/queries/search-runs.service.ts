import { Injectable } from '@nestjs/common';
import type { RpcRequest, RpcResponse, SearchRuns } from '@slipway/contracts';
import { MetricQueries } from '../metrics';
import { RunsService } from '../runs/runs.service';
import { parseFilter, parseOrderBy } from '../search';
import { partitionFilter, RunSearchService, type MetricSortValues } from '../search/sql';
import { runView, summariesByRun } from './run-views';

type SearchRequest = RpcRequest<typeof SearchRuns>;
type SearchResponse = RpcResponse<typeof SearchRuns>;

/**
 * MLflow's run search over both stores: metric clauses and metric ordering are answered by
 * ClickHouse aggregates, params/tags/attributes and pagination by Postgres, then the page's
 * runs get their metric summaries.
 */
@Injectable()
export class SearchRunsService {
  constructor(
    private readonly runs: RunsService,
    private readonly search: RunSearchService,
    private readonly metrics: MetricQueries,
  ) {}

  async searchRuns(request: SearchRequest): Promise<SearchResponse> {
    const { metricClauses, relationalClauses } = partitionFilter(parseFilter(request.filter));
    const orderBy = parseOrderBy(request.orderBy);
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
