import type { CommandReply } from '@slipway/sdk';
import { Command } from 'commander';
import { contextOf, emit } from '../context';
import { aliasesOf, renderGates, renderHistory, renderModel, renderModelList } from '../render/model-views';
import { positiveInt } from './options';

/** `slipway models list|show|promote|approve|reject|history`. */
export function modelsCommand(): Command {
  const models = new Command('models').description('registered models, promotions and their history');

  models
    .command('list')
    .description('list registered models')
    .option('--name-like <pattern>', 'SQL LIKE pattern on the name, e.g. %churn%')
    .option('-n, --max-results <n>', 'at most this many', positiveInt, 100)
    .action(async (opts: { nameLike?: string; maxResults: number }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const page = await ctx.slipway.models.list({ nameLike: opts.nameLike, maxResults: opts.maxResults });
      emit(ctx, page, (p) => renderModelList(p.models));
    });

  models
    .command('show')
    .description('a model: versions, aliases and open promotion requests')
    .argument('<name>')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      emit(ctx, await ctx.slipway.models.get(name), renderModel);
    });

  models
    .command('promote')
    .description(
      'ask to point an alias at a version; gates are evaluated, approval asked where the policy wants it',
    )
    .argument('<name>')
    .argument('<version>', 'version number', positiveInt)
    .requiredOption('-a, --alias <alias>', 'e.g. production')
    .option('-r, --reason <text>', 'why', '')
    .option('--baseline-run <runId>', "compare 'baseline-run' gates with this run")
    .action(
      async (
        name: string,
        version: number,
        opts: { alias: string; reason: string; baselineRun?: string },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd);
        const requested = await ctx.slipway.requestPromotion(name, {
          version,
          alias: opts.alias,
          reason: opts.reason,
          baselineRunId: opts.baselineRun,
        });
        emit(ctx, requested, (r) => {
          const holder = r.model.aliases[opts.alias];
          const status = r.request
            ? `Promotion request ${r.requestId} is open: approve with \`slipway models approve ${name} ${r.requestId}\``
            : holder === version
              ? `${name} v${version} is now "${opts.alias}"`
              : `Promotion request ${r.requestId} recorded`;
          return [status, r.request ? renderGates(r.request.gates) : ''].filter(Boolean).join('\n');
        });
      },
    );

  models
    .command('approve')
    .description('approve an open promotion request')
    .argument('<name>')
    .argument('<requestId>')
    .option('-c, --comment <text>', 'a comment')
    .option('--override-reason <text>', 'approve despite failed gates (admin token)')
    .action(
      async (
        name: string,
        requestId: string,
        opts: { comment?: string; overrideReason?: string },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd);
        const reply = await ctx.slipway.approve(name, requestId, opts);
        emit(ctx, reply, (r) => `Approved ${requestId}; aliases: ${aliasesOf(r.model.aliases)}`);
      },
    );

  models
    .command('reject')
    .description('reject an open promotion request')
    .argument('<name>')
    .argument('<requestId>')
    .requiredOption('-r, --reason <text>', 'why')
    .action(async (name: string, requestId: string, opts: { reason: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const reply: CommandReply = await ctx.slipway.reject(name, requestId, opts.reason);
      emit(ctx, reply, () => `Rejected ${requestId}`);
    });

  models
    .command('history')
    .description("a model's audit trail: every event with who, why and when")
    .argument('<name>')
    .option('-a, --alias <alias>', "only this alias's events")
    .action(async (name: string, opts: { alias?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const history = await ctx.slipway.history(name, { alias: opts.alias });
      emit(ctx, history, (h) => renderHistory(h.entries));
    });
  return models;
}
