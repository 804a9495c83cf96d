import { Command, Option } from 'commander';
import { contextOf, emit } from '../context';
import { renderComparison } from '../render/compare-table';
import { renderRun, renderRunList } from '../render/run-views';
import { UsageError } from '../exit-codes';
import { experimentIdOf } from './experiment-ref';
import { collect, commaList, positiveInt } from './options';

/** `slipway runs list|show|compare`. */
export function runsCommand(): Command {
  const runs = new Command('runs').description('list, show and compare runs');

  runs
    .command('list')
    .description("list an experiment's runs (MLflow filter and order-by)")
    .requiredOption('-e, --experiment <idOrName>', 'experiment id or name')
    .option('-f, --filter <filter>', `MLflow filter, e.g. "metrics.f1 > 0.9 and params.model = 'svc'"`)
    .option('-o, --order-by <clause>', 'e.g. "metrics.f1 DESC" (repeatable)', collect)
    .option('-n, --max-results <n>', 'at most this many runs', positiveInt, 100)
    .action(
      async (
        opts: { experiment: string; filter?: string; orderBy?: string[]; maxResults: number },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd);
        const experimentId = await experimentIdOf(ctx.slipway, opts.experiment);
        const page = await ctx.slipway.searchRuns({
          experimentIds: [experimentId],
          filter: opts.filter,
          orderBy: opts.orderBy,
          maxResults: opts.maxResults,
        });
        emit(ctx, page, ({ runs: found }) => renderRunList(found));
      },
    );

  runs
    .command('show')
    .description('show a run: attributes, params, metrics and tags')
    .argument('<runId>')
    .action(async (runId: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      emit(ctx, await ctx.slipway.getRun(runId), renderRun);
    });

  runs
    .command('compare')
    .description('compare runs side by side: one row per run, params and metrics as columns')
    .argument('[runIds...]', 'the runs to compare (or give --experiment)')
    .option('-e, --experiment <idOrName>', 'compare every run of an experiment')
    .option('--parent <runId>', 'compare the child runs of a parent run')
    .option('-m, --metrics <keys>', 'metrics to show, comma-separated (default all)', commaList)
    .option('-s, --sort <metric>', 'sort rows by this metric (default the first of --metrics)')
    .addOption(new Option('--asc', 'sort ascending (default descending)'))
    .option('-d, --only-differences', 'only params and metrics whose values differ')
    .action(
      async (
        runIds: string[],
        opts: {
          experiment?: string;
          parent?: string;
          metrics?: string[];
          sort?: string;
          asc?: boolean;
          onlyDifferences?: boolean;
        },
        cmd: Command,
      ) => {
        const sources = [runIds.length > 0, opts.experiment !== undefined, opts.parent !== undefined].filter(
          Boolean,
        );
        if (sources.length !== 1)
          throw new UsageError('give run ids, or --experiment, or --parent (exactly one)');
        const ctx = contextOf(cmd);
        const metric = opts.sort ?? opts.metrics?.[0];
        const sortBy = metric
          ? { metric, direction: opts.asc ? ('ASC' as const) : ('DESC' as const) }
          : undefined;
        const comparison = await ctx.slipway.compareRuns({
          ...(runIds.length > 0 ? { runIds } : {}),
          ...(opts.experiment !== undefined
            ? { experimentId: await experimentIdOf(ctx.slipway, opts.experiment) }
            : {}),
          ...(opts.parent !== undefined ? { parentRunId: opts.parent } : {}),
          metricKeys: opts.metrics,
          sortBy,
          onlyDifferences: opts.onlyDifferences === true,
        });
        emit(ctx, comparison, (c) => renderComparison(c, sortBy));
      },
    );
  return runs;
}
