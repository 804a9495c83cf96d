import { Injectable } from '@nestjs/common';
import type {
  CompareRunsColumns,
  MetricColumn,
  MetricColumnAggregate,
  RpcRequest,
  RpcResponse,
  RunColumns,
} from '@slipway/contracts';
import { MetricQueries } from '../metrics';
import { RunsService } from '../runs/runs.service';
import { CompareColumnsRepository } from './compare-columns.repository';

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
    private readonly table: CompareColumnsRepository,
    private readonly metrics: MetricQueries,
  ) {}

  async compareColumns(request: ColumnsRequest): Promise<ColumnsResponse> {
    const ids = [...new Set(await this.runIdsOf(request))];
    // The latest value orders rows and decides what differs even when it is not asked for.
    const needLatest = request.sortBy !== undefined || request.onlyDifferences;
    const aggregates: MetricColumnAggregate[] = [
      ...new Set<MetricColumnAggregate>([...request.aggregates, ...(needLatest ? ['latest' as const] : [])]),
    ];
    const [table, metrics] = await Promise.all([
      this.table.tableOf(ids),
      this.metrics.metricColumns(ids, request.metricKeys, aggregates),
    ]);
    let { runs, params, tags } = table;
    let metricColumns = metrics;
    if (request.sortBy) {
      const latest = metrics.find((m) => m.key === request.sortBy!.metric)?.latest;
      const order = rowOrder(latest, ids.length, request.sortBy.direction);
      runs = Object.fromEntries(
        Object.entries(runs).map(([name, cells]) => [name, reorder(cells as Cell[], order)]),
      ) as unknown as RunColumns;
      params = params.map((c) => ({ key: c.key, values: reorder(c.values, order) }));
      tags = tags.map((c) => ({ key: c.key, values: reorder(c.values, order) }));
      metricColumns = metricColumns.map((m) => permuted(m, order));
    }
    if (request.onlyDifferences) {
      params = params.filter((c) => differs(c.values));
      tags = tags.filter((c) => differs(c.values));
      metricColumns = metricColumns.filter((m) => differs(m.latest!));
    }
    if (!request.aggregates.includes('latest')) {
      metricColumns = metricColumns.map(({ latest: _, ...rest }) => rest);
    }
    return { runs, params, tags, metrics: metricColumns };
  }

  private async runIdsOf(request: ColumnsRequest): Promise<string[]> {
    if (request.runIds) return request.runIds;
    if (request.experimentId) return this.runs.runIdsOf([request.experimentId]);
    return (await this.runs.listChildren(request.parentRunId!)).map((r) => r.runId);
  }
}

function reorder<T>(cells: readonly T[], order: readonly number[]): T[] {
  return order.map((i) => cells[i]!);
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
    if (Array.isArray(cells)) out[name] = reorder(cells as Cell[], order);
  }
  return out as MetricColumn;
}

/** Whether the cells are not all the same (a missing cell differs from any value). */
function differs(cells: readonly Cell[]): boolean {
  if (cells.length === 0) return false;
  const first = cells[0] === null ? null : String(cells[0]);
  return cells.some((c) => (c === null ? null : String(c)) !== first);
}
