import { Injectable } from '@nestjs/common';
import type {
  CompareRunsColumns,
  KeyColumn,
  MetricColumn,
  MetricColumnAggregate,
  RpcRequest,
  RpcResponse,
  RunColumns,
} from '@slipway/contracts';
import { MetricQueries } from '../metrics';
import type { RunDetails } from '../runs/run.entity';
import { RunsService } from '../runs/runs.service';

type ColumnsRequest = RpcRequest<typeof CompareRunsColumns>;
type ColumnsResponse = RpcResponse<typeof CompareRunsColumns>;
type Cell = number | string | null;

/**
 * The comparison table in columns (`runs.compareColumns`): the same runs, order and
 * only-differences rule as {@link CompareRunsService}, laid out as an array per attribute,
 * param, tag and metric aggregate. Postgres (runs, params, tags) and ClickHouse (metric
 * summaries) are read at the same time, and the reply is built in its wire form directly.
 */
@Injectable()
export class CompareColumnsService {
  constructor(
    private readonly runs: RunsService,
    private readonly metrics: MetricQueries,
  ) {}

  async compareColumns(request: ColumnsRequest): Promise<ColumnsResponse> {
    const ids = [...new Set(await this.runIdsOf(request))];
    // The latest value orders rows and decides what differs even when it is not asked for.
    const needLatest = request.sortBy !== undefined || request.onlyDifferences;
    const aggregates: MetricColumnAggregate[] = [
      ...new Set<MetricColumnAggregate>([...request.aggregates, ...(needLatest ? ['latest' as const] : [])]),
    ];
    const [details, metrics] = await Promise.all([
      this.runs.getManyDetails(ids),
      this.metrics.metricColumns(ids, request.metricKeys, aggregates),
    ]);
    const order = request.sortBy
      ? rowOrder(
          metrics.find((m) => m.key === request.sortBy!.metric)?.latest,
          ids.length,
          request.sortBy.direction,
        )
      : undefined;
    const rows = order ? order.map((i) => details[i]!) : details;
    let params = keyColumns(rows, (d) => d.data.params);
    let tags = keyColumns(rows, (d) => d.data.tags);
    let metricColumns = order ? metrics.map((m) => permuted(m, order)) : metrics;
    if (request.onlyDifferences) {
      params = params.filter((c) => differs(c.values));
      tags = tags.filter((c) => differs(c.values));
      metricColumns = metricColumns.filter((m) => differs(m.latest!));
    }
    if (!request.aggregates.includes('latest')) {
      metricColumns = metricColumns.map(({ latest: _, ...rest }) => rest);
    }
    return { runs: runColumns(rows), params, tags, metrics: metricColumns };
  }

  private async runIdsOf(request: ColumnsRequest): Promise<string[]> {
    if (request.runIds) return request.runIds;
    if (request.experimentId) return this.runs.runIdsOf([request.experimentId]);
    return (await this.runs.listChildren(request.parentRunId!)).map((r) => r.runId);
  }
}

/** Row indexes by the latest value: numbers in `direction`, then NaN, then runs without it; ties keep their order. */
export function rowOrder(
  latest: readonly Cell[] | undefined,
  rows: number,
  direction: 'ASC' | 'DESC',
): number[] {
  const rank = (i: number): [number, number] => {
    const cell = latest?.[i] ?? null;
    if (cell === null) return [2, 0];
    if (cell === 'NaN') return [1, 0];
    const value = Number(cell);
    return [0, direction === 'DESC' ? -value : value];
  };
  const ranks = Array.from({ length: rows }, (_, i) => rank(i));
  return Array.from({ length: rows }, (_, i) => i).sort((a, b) => {
    const [ga, va] = ranks[a]!;
    const [gb, vb] = ranks[b]!;
    return ga - gb || (va < vb ? -1 : va > vb ? 1 : 0) || a - b;
  });
}

function permuted(column: MetricColumn, order: readonly number[]): MetricColumn {
  const out: Record<string, unknown> = { key: column.key };
  for (const [name, cells] of Object.entries(column)) {
    if (Array.isArray(cells)) out[name] = order.map((i) => cells[i] as Cell);
  }
  return out as MetricColumn;
}

/** Columns of every key any run has, sorted by key; `null` where a run lacks it. */
function keyColumns(
  rows: readonly RunDetails[],
  pick: (d: RunDetails) => readonly { key: string; value: string }[],
): KeyColumn[] {
  const columns = new Map<string, (string | null)[]>();
  rows.forEach((d, r) => {
    for (const { key, value } of pick(d)) {
      let values = columns.get(key);
      if (!values) columns.set(key, (values = new Array<string | null>(rows.length).fill(null)));
      values[r] = value;
    }
  });
  return [...columns.keys()].sort().map((key) => ({ key, values: columns.get(key)! }));
}

/** Whether the cells are not all the same (a missing cell differs from any value). */
function differs(cells: readonly Cell[]): boolean {
  if (cells.length === 0) return false;
  const first = cells[0] === null ? null : String(cells[0]);
  return cells.some((c) => (c === null ? null : String(c)) !== first);
}

function runColumns(rows: readonly RunDetails[]): RunColumns {
  const pick = <T>(f: (d: RunDetails) => T): T[] => rows.map(f);
  return {
    runId: pick((d) => d.info.runId),
    experimentId: pick((d) => d.info.experimentId),
    runName: pick((d) => d.info.runName),
    status: pick((d) => d.info.status),
    startTime: pick((d) => d.info.startTime),
    endTime: pick((d) => d.info.endTime),
    userId: pick((d) => d.info.userId),
    sourceName: pick((d) => d.info.sourceName),
    gitCommit: pick((d) => d.info.gitCommit),
    parentRunId: pick((d) => d.info.parentRunId),
    lifecycleStage: pick((d) => d.info.lifecycleStage),
    artifactUri: pick((d) => d.info.artifactUri),
  };
}
