import { Command } from 'commander';
import { contextOf, emit } from '../context';
import { formatTime } from '../render/format';
import { renderTable } from '../render/table';
import { positiveInt } from './options';

/** `slipway experiments list`. */
export function experimentsCommand(): Command {
  const experiments = new Command('experiments').description('experiments');
  experiments
    .command('list')
    .description('list experiments (MLflow filter, e.g. "name LIKE \'churn%\'")')
    .option('-f, --filter <filter>', 'MLflow filter over name and tags')
    .option('--all', 'include deleted experiments')
    .option('-n, --max-results <n>', 'at most this many', positiveInt, 1000)
    .action(async (opts: { filter?: string; all?: boolean; maxResults: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const page = await ctx.slipway.experiments.list({
        filter: opts.filter,
        viewType: opts.all ? 'ALL' : 'ACTIVE_ONLY',
        maxResults: opts.maxResults,
      });
      emit(ctx, page, (p) =>
        renderTable(
          ['ID', 'Name', 'Created', 'Updated', 'State'],
          p.experiments.map((e) => [
            e.experimentId,
            e.name,
            formatTime(e.creationTime),
            formatTime(e.lastUpdateTime),
            e.lifecycleStage,
          ]),
        ),
      );
    });
  return experiments;
}
