import { Command, Option } from 'commander';
import { artifactsCommand } from './commands/artifacts.command';
import { eventsCommand } from './commands/events.command';
import { experimentsCommand } from './commands/experiments.command';
import { metricsCommand } from './commands/metrics.command';
import { modelsCommand } from './commands/models.command';
import { runsCommand } from './commands/runs.command';
import { tokensCommand } from './commands/tokens.command';
import { EXIT_CODES_HELP } from './exit-codes';

/** The `slipway` command tree with its global options; commands throw, `main` maps errors to exit codes. */
export function buildProgram(): Command {
  const program = new Command('slipway')
    .description(
      'Slipway from a terminal: experiments, runs, metrics, models, tokens, artifacts and live events',
    )
    .version('0.1.0')
    .addOption(new Option('--url <url>', 'the gateway URL').env('SLIPWAY_URL'))
    .addOption(new Option('--token <token>', 'an API token').env('SLIPWAY_TOKEN'))
    .option('--json', 'print JSON instead of tables')
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError('(add --help for usage)');
  for (const sub of [
    experimentsCommand(),
    runsCommand(),
    metricsCommand(),
    modelsCommand(),
    tokensCommand(),
    artifactsCommand(),
    eventsCommand(),
  ])
    program.addCommand(sub);
  // Every command reports usage errors by throwing, so main() decides the exit code.
  const exitOverride = (cmd: Command) => {
    cmd.exitOverride();
    cmd.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}
