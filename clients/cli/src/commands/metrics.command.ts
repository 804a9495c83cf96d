import { Command } from 'commander';
import { contextOf, emit } from '../context';
import { formatNumber, formatTime } from '../render/format';
import { renderTable } from '../render/table';
import { positiveInt } from './options';

/** `slipway metrics history`. */
export function metricsCommand(): Command {
  const metrics = new Command('metrics').description('metric histories');
  metrics
    .command('history')
    .description("a metric's points of a run, by step")
    .argument('<runId>')
    .argument('<key>')
    .option('-n, --limit <n>', 'at most this many points (default all)', positiveInt)
    .action(async (runId: string, key: string, opts: { limit?: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const points = await ctx.slipway.metricHistory(runId, key, opts.limit);
      emit(ctx, { runId, key, points }, (h) =>
        renderTable(
          ['Step', 'Time', key],
          h.points.map((p) => [String(p.step), formatTime(p.timestamp), formatNumber(p.value)]),
        ),
      );
    });
  return metrics;
}
