import type { Comparison } from '@slipway/sdk';
import { formatNumber, formatTime } from './format';
import { renderTable, type Cell } from './table';

/** How a comparison was sorted, to mark its column (`f1 ▼`). */
export interface SortMark {
  metric: string;
  direction: 'ASC' | 'DESC';
}

/**
 * The comparison as the talk's slide shows it: one row per run (date, user, run, source,
 * version), then a column per param and per metric under "Parameters" and "Metrics" headers,
 * with the sorted metric marked ▼ or ▲. Rows keep the server's order.
 */
export function renderComparison(comparison: Comparison, sort?: SortMark): string {
  const { params, metrics } = comparison.columns;
  const head: Cell[] = [
    'Date',
    'User',
    'Run',
    'Source',
    'Version',
    ...params,
    ...metrics.map((m) => (m === sort?.metric ? `${m} ${sort.direction === 'DESC' ? '▼' : '▲'}` : m)),
  ];
  const rows = comparison.rows.map((row): Cell[] => [
    formatTime(row.info.startTime),
    row.info.userId ?? '',
    row.info.runName ?? row.info.runId,
    sourceOf(row.info.sourceName ?? row.tags['mlflow.source.name']),
    (row.info.gitCommit ?? row.tags['mlflow.source.git.commit'] ?? '').slice(0, 6),
    ...params.map((p) => row.params[p] ?? ''),
    ...metrics.map((m) => formatNumber(row.metrics[m]?.latest)),
  ]);
  const groups: Cell[] = [{ content: '', colSpan: 5 }];
  if (params.length > 0) groups.push({ content: 'Parameters', colSpan: params.length });
  if (metrics.length > 0) groups.push({ content: 'Metrics', colSpan: metrics.length });
  return renderTable(head, rows, params.length + metrics.length > 0 ? { groupRow: groups } : {});
}

/** A source path's last part (`/home/joak/param_search.py` → `param_search.py`). */
function sourceOf(source: string | null | undefined): string {
  if (!source) return '';
  return source.split(/[\\/]/).pop() ?? source;
}
