import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  parseOrThrow,
  runIdSchema,
  tagSchema,
  trackingKeySchema,
  TRACKING_LIMITS,
  type Tag,
} from '@slipway/contracts';
import { DATA_SOURCE } from '@slipway/runtime';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Queryable } from '../persistence/queryable';
import { lockActiveRun } from './active-run';
import { RunDataRepository } from './run-data.repository';
import { RunTagNotFoundError } from './run.errors';
import { RunsRepository } from './runs.repository';
import { MlflowTags } from './system-tags';

/** A batch of tags: at most 100 (MLflow's limit), keys ≤ 250 and values ≤ 8000 characters. */
export const tagBatchSchema = z.object({
  tags: z
    .array(tagSchema)
    .max(TRACKING_LIMITS.tagsPerEvent, `at most ${TRACKING_LIMITS.tagsPerEvent} tags per batch`),
});

/** Tags of runs: set, overwritten, deleted. */
@Injectable()
export class TagsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Optional() private readonly runs: RunsRepository = new RunsRepository(),
    @Optional() private readonly data: RunDataRepository = new RunDataRepository(),
  ) {}

  /**
   * Sets tags of an active run, all or none; a key set before takes the new value, and of keys
   * repeated in the batch the last wins. `mlflow.runName` also renames the run, as in MLflow.
   */
  async setTags(runId: string, tags: readonly Tag[]): Promise<void> {
    parseOrThrow(runIdSchema, runId, 'run id');
    const valid = parseOrThrow(tagBatchSchema, { tags }, 'tag batch').tags;
    const batch = [...new Map(valid.map((t) => [t.key, t.value]))].map(([key, value]) => ({ key, value }));
    if (batch.length === 0) return;
    await this.db.transaction(async (tx) => {
      await this.activeRun(tx, runId);
      await this.data.upsertTags(tx, runId, batch);
      const runName = batch.find((t) => t.key === MlflowTags.RUN_NAME)?.value;
      if (runName !== undefined) await this.runs.setRunName(tx, runId, runName);
    });
  }

  /** Deletes a tag of an active run; {@link RunTagNotFoundError} when it has none of that key. */
  async deleteTag(runId: string, key: string): Promise<void> {
    parseOrThrow(runIdSchema, runId, 'run id');
    parseOrThrow(trackingKeySchema, key, 'tag key');
    await this.db.transaction(async (tx) => {
      await this.activeRun(tx, runId);
      if (!(await this.data.deleteTag(tx, runId, key))) throw new RunTagNotFoundError(runId, key);
    });
  }

  private async activeRun(db: Queryable, runId: string): Promise<void> {
    await lockActiveRun(this.runs, db, runId, 'tags cannot be set on a deleted run');
  }
}
