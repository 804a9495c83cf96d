import { Slipway } from '@slipway/sdk';
import type { Command } from 'commander';
import { UsageError } from './exit-codes';

/** The global options every command sees. */
export interface GlobalOptions {
  url?: string;
  token?: string;
  json?: boolean;
}

/** What a command needs: the client, and whether to print JSON. */
export interface CommandContext {
  slipway: Slipway;
  json: boolean;
  /** Writes one line (or block) to stdout. */
  out: (text: string) => void;
}

/** Where the CLI's output goes (swapped in tests of the renderers only). */
export const stdout = (text: string): void =>
  void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** The client from `--url`/`--token`, else `SLIPWAY_URL`/`SLIPWAY_TOKEN`; missing ones are usage errors. */
export function contextOf(command: Command, env: NodeJS.ProcessEnv = process.env): CommandContext {
  const opts = command.optsWithGlobals<GlobalOptions>();
  const url = opts.url ?? env['SLIPWAY_URL'];
  const token = opts.token ?? env['SLIPWAY_TOKEN'];
  if (!url) throw new UsageError('no gateway URL: give --url or set SLIPWAY_URL');
  if (!token) throw new UsageError('no API token: give --token or set SLIPWAY_TOKEN');
  // Retries are for scripts that log; a person at a terminal wants a quick answer.
  const slipway = new Slipway({ url, token, retry: { maxRetries: 2 }, timeoutMs: 30_000 });
  return { slipway, json: opts.json === true, out: stdout };
}

/** Prints `value` as JSON, or calls `human` to print it for people. */
export function emit<T>(ctx: CommandContext, value: T, human: (value: T) => string): void {
  ctx.out(ctx.json ? JSON.stringify(value, jsonReplacer, 2) : human(value));
}

/** JSON has no NaN or Infinity: print them as strings, as the API does. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}
