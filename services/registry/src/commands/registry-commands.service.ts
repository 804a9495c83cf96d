import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Actor } from '@slipway/contracts';
import { ConcurrencyError, EventStore, type EventMetadata } from '../event-store';
import {
  decide,
  DEFAULT_REGISTRY_POLICY,
  fold,
  type ModelCommand,
  type ModelCommandInput,
  modelCommandSchema,
  type ModelEvent,
  type ModelState,
  type RegistryPolicy,
} from '../models';
import { DATA_SOURCE } from '@slipway/runtime';
import type { DataSource } from 'typeorm';
import { emptyFold, foldOne, foldStored } from '../read-models/model-fold';
import type { ModelTimeline } from '../read-models/model-timeline';
import { writeModelState } from '../read-models/read-model.writer';
import { toNewEvent } from './model-event-codec';
import { FoldedModelsCache } from './folded-models.cache';
import { streamOfModel } from './model-streams';

/** The promotion policy the commands are decided under; default {@link DEFAULT_REGISTRY_POLICY}. */
export const REGISTRY_POLICY = Symbol('REGISTRY_POLICY');

/** A command without what the caller's context fills in (model name, actor, admin flag). */
export type RegistryCommand = ModelCommandInput extends infer C
  ? C extends { type: infer T; data: infer D }
    ? { type: T; data: Omit<D, 'model' | 'actor' | 'admin'> }
    : never
  : never;

/** Who sends a command; `admin` is set by the edge after checking the actor's role. */
export interface CommandContext {
  readonly actor: Actor;
  readonly admin?: boolean;
  readonly correlationId?: string;
}

/** One command, or several decided in order on one state and appended together (all or nothing). */
export type RegistryCommands = RegistryCommand | readonly RegistryCommand[];
type Build = (state: ModelState) => Promise<RegistryCommands>;

/** What a command recorded and the model's state after it. */
export interface CommandResult {
  readonly events: readonly ModelEvent[];
  readonly positions: readonly number[];
  readonly streamVersion: number;
  readonly state: ModelState;
  readonly timeline: ModelTimeline;
}

/** Attempts before a command that keeps losing the race for its stream gives up with the {@link ConcurrencyError}. */
const MAX_ATTEMPTS = 30;

/**
 * Runs the model aggregate's commands against the event store: read the stream (only the events
 * after its cached fold), fold, decide, append at the version read. Losing the race re-reads and decides again, so concurrent commands
 * on one model serialise into one consistent history. Read models are written in the append's transaction.
 */
@Injectable()
export class RegistryCommandsService {
  /** The promotion policy commands are decided under (gates are evaluated against it too). */
  readonly policy: RegistryPolicy;
  private readonly folds = new FoldedModelsCache();

  constructor(
    private readonly store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Optional() @Inject(REGISTRY_POLICY) policy?: RegistryPolicy,
  ) {
    this.policy = policy ?? DEFAULT_REGISTRY_POLICY;
  }

  /**
   * Runs `command` on `modelName`. A command given as a function is built from the state read on
   * each attempt (the promotion gates, whose holder comparison must not go stale when a
   * concurrent promotion wins the race).
   */
  async execute(
    modelName: string,
    command: RegistryCommands | ((state: ModelState) => Promise<RegistryCommands>),
    context: CommandContext,
  ): Promise<CommandResult> {
    const parse = (given: RegistryCommands): ModelCommand[] =>
      (Array.isArray(given) ? given : [given]).map((c: RegistryCommand) =>
        modelCommandSchema.parse({
          type: c.type,
          data: { ...c.data, model: modelName, actor: context.actor, admin: context.admin ?? false },
        }),
      );
    const fixed = typeof command === 'function' ? undefined : parse(command);
    const registering = fixed?.some((c) => c.type === 'RegisterModel') ?? false;
    for (let attempt = 1; ; attempt++) {
      const streamId = await streamOfModel(this.dataSource, modelName, registering);
      const cached = this.folds.get(streamId) ?? emptyFold(streamId);
      const stored = await this.store.readStream(streamId, { fromVersion: cached.streamVersion + 1 });
      const before = foldStored(stored, cached);
      this.folds.set(before);
      const parsed = fixed ?? parse(await (command as Build)(before.state));
      const events: ModelEvent[] = [];
      let state = before.state;
      for (const c of parsed) {
        const decided = decide(c, state, this.policy);
        events.push(...decided);
        state = fold(decided, state);
      }
      if (events.length === 0) {
        return {
          events,
          positions: [],
          streamVersion: before.streamVersion,
          state,
          timeline: before.timeline,
        };
      }
      const first = parsed[0]!.data;
      const metadata: EventMetadata = {
        actor: context.actor,
        ...(context.correlationId ? { correlationId: context.correlationId } : {}),
        ...(reasonOf(first) ? { reason: reasonOf(first) } : {}),
      };
      try {
        let after = before;
        const appended = await this.store.append(
          streamId,
          before.streamVersion === 0 ? 'no-stream' : before.streamVersion,
          events.map((e) => toNewEvent(e, metadata)),
          (tx, result) => {
            after = events.reduce(
              (f, e, i) =>
                foldOne(f, e, result.recordedAt[i]!, before.streamVersion + i + 1, result.positions[i]!),
              before,
            );
            return writeModelState(tx, after, before);
          },
        );
        this.folds.set(after);
        return {
          events,
          positions: appended.positions,
          streamVersion: appended.nextVersion,
          state: after.state,
          timeline: after.timeline,
        };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
        await backOff(attempt);
      }
    }
  }
}

function reasonOf(data: object): string | undefined {
  const reason = 'overrideReason' in data && data.overrideReason ? data.overrideReason : undefined;
  const given = 'reason' in data ? data.reason : 'comment' in data ? data.comment : undefined;
  const text = reason ?? given;
  return typeof text === 'string' && text.length > 0 ? text.slice(0, 2000) : undefined;
}

/** Jittered, growing pauses spread the losers out so the next round is not a stampede again. */
function backOff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6));
  return new Promise((resolve) => setTimeout(resolve, ms));
}
