import type { LiveEvent } from '@slipway/sdk';
import { Command } from 'commander';
import { contextOf } from '../context';
import { formatTime } from '../render/format';
import { positiveInt } from './options';

interface EventsOptions {
  since?: string;
  count?: number;
}

/**
 * `slipway events <topics...>`: live events as they happen, one line each (`--json`: one JSON
 * object per line, with the position to resume from). Follows until Ctrl-C or `--count` events;
 * `--since <position>` first replays what came after that position.
 */
export function eventsCommand(): Command {
  return new Command('events')
    .description(
      'follow live events: run:<id>, runs, models, model:<name>, pipelines, serving, notifications',
    )
    .argument('<topics...>', 'topics to follow')
    .option('--since <position>', 'first replay what came after this position (a "position" printed before)')
    .option('-n, --count <n>', 'exit after this many events', positiveInt)
    .action(async (topics: string[], opts: EventsOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      let seen = 0;
      /** The position of the last event printed (the SDK may have read further in the same chunk). */
      let position = opts.since;
      let done: () => void = () => undefined;
      const enough = new Promise<void>((resolve) => (done = resolve));
      const live = ctx.slipway.events.subscribe(
        topics,
        (event) => {
          if (opts.count !== undefined && seen >= opts.count) return;
          seen++;
          position = live.lastEventId;
          ctx.out(
            ctx.json
              ? JSON.stringify({ position, event })
              : `${formatTime(event.time ?? Date.now())}  ${shortType(event.type)}  ${summary(event)}`,
          );
          if (seen === opts.count) done();
        },
        {
          ...(opts.since ? { lastEventId: opts.since } : {}),
          onReconnect: ({ error }) => process.stderr.write(`reconnecting: ${(error as Error).message}\n`),
        },
      );
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await Promise.race([enough, live.closed]);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        live.close();
      }
      await live.closed;
      if (!ctx.json && position) process.stderr.write(`position: ${position}\n`);
    });
}

/** `dev.slipway.registry.model.promoted.v1` → `registry.model.promoted`. */
function shortType(type: string): string {
  return type.replace(/^dev\.slipway\./, '').replace(/\.v\d+$/, '');
}

/** What the event is about, in a few words. */
function summary(event: LiveEvent): string {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['model', 'version', 'alias', 'runId', 'runName', 'status'])
    if (data[key] !== undefined && data[key] !== null) parts.push(`${key}=${String(data[key])}`);
  if (Array.isArray(data['metrics'])) parts.push(`${data['metrics'].length} points`);
  return parts.join(' ');
}
