import { Injectable } from '@nestjs/common';
import type { ComparisonRow, CompareRuns, RpcRequest, RpcResponse } from '@slipway/contracts';
import { MetricQueries, type MetricSummary } from '../metrics';
import type { RunDetails } from '../runs/run.entity';
import { RunsService } from '../runs/runs.service';
import { metricSummaryView, runInfoView, summariesByRun } from './run-views';

type CompareRequest = RpcRequest<typeof CompareRuns>;
type CompareResponse = RpcResponse<typeof CompareRuns>;

/**
 * The comparison table of the talk's slide: runs as rows, params, tags and the latest/min/max of
 * metrics as columns. Metric values come from ClickHouse's per-(run, key) aggregates in one
 * query, never from raw points.
 */
@Injectable()
export class CompareRunsService {
  constructor(
    private readonly runs: RunsService,
    private readonly metrics: MetricQueries,
  ) {}

  async compare(request: CompareRequest): Promise<CompareResponse> {
    // Postgres and ClickHouse at once: the run ids are known before either answers.
    const ids = [...new Set(await this.runIdsOf(request))];
    const [details, summaries] = await Promise.all([
      this.runs.getManyDetails(ids),
      this.metrics.latestMetrics(ids, request.metricKeys),
    ]);
    const byRun = summariesByRun(summaries);
    let rows = details.map((d) => row(d, byRun.get(d.info.runId) ?? []));
    if (request.sortBy) rows = sortRows(rows, request.sortBy.metric, request.sortBy.direction);

    const columns = {
      params: keysOf(rows, (r) => r.params),
      tags: keysOf(rows, (r) => r.tags),
      metrics: request.metricKeys ?? keysOf(rows, (r) => r.metrics),
    };
    if (!request.onlyDifferences) return { columns, rows };
    return onlyDifferences(columns, rows);
  }

  private async runIdsOf(request: CompareRequest): Promise<string[]> {
    if (request.runIds) return request.runIds;
    if (request.experimentId) return this.runs.runIdsOf([request.experimentId]);
    return (await this.runs.listChildren(request.parentRunId!)).map((r) => r.runId);
  }
}

function row(details: RunDetails, summaries: readonly MetricSummary[]): ComparisonRow {
  return {
    info: runInfoView(details.info),
    params: Object.fromEntries(details.data.params.map((p) => [p.key, p.value])),
    tags: Object.fromEntries(details.data.tags.map((t) => [t.key, t.value])),
    metrics: Object.fromEntries(summaries.map((s) => [s.key, metricSummaryView(s)])),
  };
}

function keysOf(
  rows: readonly ComparisonRow[],
  pick: (r: ComparisonRow) => Record<string, unknown>,
): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(pick(r))))].sort();
}

/** Numbers first in the chosen direction, then NaN, then runs without the metric (MLflow's order). */
export function sortRows(rows: ComparisonRow[], metric: string, direction: 'ASC' | 'DESC'): ComparisonRow[] {
  const rank = (r: ComparisonRow): [number, number] => {
    const latest = r.metrics[metric]?.latest;
    if (latest === undefined) return [2, 0];
    if (Number.isNaN(latest)) return [1, 0];
    return [0, direction === 'DESC' ? -latest : latest];
  };
  return [...rows].sort((a, b) => {
    const [ga, va] = rank(a);
    const [gb, vb] = rank(b);
    return ga - gb || va - vb;
  });
}

/** Keeps only the columns whose value is not the same in every row (a missing value counts as different). */
export function onlyDifferences(columns: CompareResponse['columns'], rows: ComparisonRow[]): CompareResponse {
  const differs = (values: unknown[]) => new Set(values.map((v) => JSON.stringify(v ?? null))).size > 1;
  const keep = {
    params: columns.params.filter((k) => differs(rows.map((r) => r.params[k]))),
    tags: columns.tags.filter((k) => differs(rows.map((r) => r.tags[k]))),
    metrics: columns.metrics.filter((k) =>
      differs(rows.map((r) => (r.metrics[k] ? String(r.metrics[k].latest) : undefined))),
    ),
  };
  const pick = <T>(record: Record<string, T>, keys: string[]) =>
    Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]!]));
  return {
    columns: keep,
    rows: rows.map((r) => ({
      info: r.info,
      params: pick(r.params, keep.params),
      tags: pick(r.tags, keep.tags),
      metrics: pick(r.metrics, keep.metrics),
    })),
  };
}
