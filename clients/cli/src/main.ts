import { SlipwayError } from '@slipway/sdk';
import { CommanderError } from 'commander';
import { ExitCode, exitCodeOf, UsageError } from './exit-codes';
import { buildProgram } from './program';

/** Runs `slipway` with `argv` (as process.argv) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof CommanderError)
      // Commander has printed the message; help and version are not errors.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    if (error instanceof UsageError) process.stderr.write(`error: ${error.message}\n`);
    else if (error instanceof SlipwayError) process.stderr.write(`error: ${error.code}: ${error.message}\n`);
    else
      process.stderr.write(
        `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    return exitCodeOf(error);
  }
}
