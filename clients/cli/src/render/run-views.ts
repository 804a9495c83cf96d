import type { Run } from '@slipway/sdk';
import { formatNumber, formatTime, truncate } from './format';
import { renderPairs, renderTable } from './table';

/** Runs as rows, with up to six metrics' latest values. */
export function renderRunList(runs: Run[]): string {
  const metricKeys = [...new Set(runs.flatMap((r) => r.metrics.map((m) => m.key)))].sort().slice(0, 6);
  return renderTable(
    ['Run ID', 'Name', 'Status', 'User', 'Started', ...metricKeys],
    runs.map((r) => [
      r.info.runId,
      truncate(r.info.runName ?? ''),
      r.info.status,
      r.info.userId ?? '',
      formatTime(r.info.startTime),
      ...metricKeys.map((k) => formatNumber(r.metrics.find((m) => m.key === k)?.latest)),
    ]),
  );
}

/** One run: attributes, params, metric summaries and user tags. */
export function renderRun(run: Run): string {
  const { info } = run;
  const parts = [
    renderPairs([
      ['Run ID', info.runId],
      ['Name', info.runName ?? ''],
      ['Experiment', info.experimentId],
      ['Status', info.status],
      ['User', info.userId ?? ''],
      ['Started', formatTime(info.startTime)],
      ['Ended', formatTime(info.endTime)],
      ['Parent run', info.parentRunId ?? ''],
      ['Artifacts', info.artifactUri],
    ]),
  ];
  if (run.params.length > 0)
    parts.push(
      'Params',
      renderTable(
        ['Key', 'Value'],
        run.params.map((p) => [p.key, truncate(p.value, 80)]),
      ),
    );
  if (run.metrics.length > 0)
    parts.push(
      'Metrics',
      renderTable(
        ['Key', 'Latest', 'Min', 'Max', 'Step', 'Points'],
        run.metrics.map((m) => [
          m.key,
          formatNumber(m.latest),
          formatNumber(m.min),
          formatNumber(m.max),
          String(m.step),
          String(m.count),
        ]),
      ),
    );
  const tags = run.tags.filter((t) => !t.key.startsWith('mlflow.'));
  if (tags.length > 0)
    parts.push(
      'Tags',
      renderTable(
        ['Key', 'Value'],
        tags.map((t) => [t.key, truncate(t.value, 80)]),
      ),
    );
  return parts.join('\n');
}
