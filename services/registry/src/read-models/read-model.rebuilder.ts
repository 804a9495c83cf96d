import { Inject, Injectable } from '@nestjs/common';
import { DATA_SOURCE } from '@slipway/runtime';
import type { DataSource } from 'typeorm';
import { toModelEvent } from '../commands/model-event-codec';
import { EventStore } from '../event-store';
import { emptyFold, type FoldedModel, foldOne } from './model-fold';
import { writeModelState } from './read-model.writer';

const PAGE = 5_000;

/** What a rebuild replayed. */
export interface RebuildResult {
  readonly models: number;
  readonly events: number;
}

/**
 * Replays every stored event into emptied read models, in one transaction. The tables are locked
 * from the truncate on, so a command committing meanwhile writes its model after the rebuild, from
 * its own complete state: nothing is lost either way.
 */
@Injectable()
export class ReadModelRebuilder {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  async rebuild(): Promise<RebuildResult> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('TRUNCATE models, model_versions, aliases, promotion_requests');
      const streams = new Map<string, FoldedModel>();
      let events = 0;
      for (let after = 0; ;) {
        const page = await this.store.readAll(after, PAGE);
        for (const stored of page) {
          const event = toModelEvent(stored);
          if (!event) continue;
          const folded = streams.get(stored.streamId) ?? emptyFold(stored.streamId);
          streams.set(
            stored.streamId,
            foldOne(folded, event, stored.recordedAt, stored.version, stored.position),
          );
          events++;
        }
        if (page.length < PAGE) break;
        after = page.at(-1)?.position ?? after;
      }
      let models = 0;
      for (const folded of streams.values()) {
        if (!folded.state.exists) continue;
        await writeModelState(tx, folded);
        models++;
      }
      return { models, events };
    });
  }
}
