import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import {
  experimentIdSchema,
  experimentNameSchema,
  parseOrThrow,
  tagListSchema,
  tagSchema,
  trackingKeySchema,
  uriSchema,
  type Tag,
} from '@slipway/contracts';
import { DATA_SOURCE } from '@slipway/runtime';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { isUniqueViolation } from '../persistence/pg-errors';
import type { Queryable } from '../persistence/queryable';
import { DEFAULT_ARTIFACT_ROOT, TRACKING_ARTIFACT_ROOT, experimentArtifactLocation } from './artifact-root';
import type { Experiment } from './experiment.entity';
import {
  ExperimentAlreadyExistsError,
  ExperimentInvalidStateError,
  ExperimentNotFoundError,
  ExperimentTagNotFoundError,
} from './experiment.errors';
import { searchExperimentRecords, type ExperimentSearchQuery } from './experiment-search.query';
import { ACTIVE_NAME_INDEX, ExperimentsRepository, type ExperimentRecord } from './experiments.repository';

/** MLflow's Default experiment: where runs go when no experiment is named. */
export const DEFAULT_EXPERIMENT = { experimentId: '0', name: 'Default' } as const;

/** Input of {@link ExperimentsService.create}. */
export const createExperimentInputSchema = z.strictObject({
  name: experimentNameSchema,
  /** Default `<artifact root>/<experimentId>`. */
  artifactLocation: uriSchema.optional(),
  tags: tagListSchema.optional(),
});
export type CreateExperimentInput = z.input<typeof createExperimentInputSchema>;

/** Experiments: create (names unique among active ones), read, search, rename, soft delete and restore, tags. */
@Injectable()
export class ExperimentsService implements OnModuleInit {
  private readonly artifactRoot: string;

  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Optional() private readonly repository: ExperimentsRepository = new ExperimentsRepository(),
    @Optional() @Inject(TRACKING_ARTIFACT_ROOT) artifactRoot?: string,
  ) {
    this.artifactRoot = artifactRoot ?? DEFAULT_ARTIFACT_ROOT;
  }

  async onModuleInit(): Promise<void> {
    await this.ensureDefaultExperiment();
  }

  /** Creates experiment '0' named Default unless it exists (MLflow clients expect it); safe to race. */
  async ensureDefaultExperiment(): Promise<void> {
    await this.repository.insert(this.db, {
      experimentId: DEFAULT_EXPERIMENT.experimentId,
      name: DEFAULT_EXPERIMENT.name,
      artifactLocation: experimentArtifactLocation(this.artifactRoot, DEFAULT_EXPERIMENT.experimentId),
      now: Date.now(),
    });
  }

  /** Creates an active experiment; {@link ExperimentAlreadyExistsError} when an active one has the name. */
  async create(input: CreateExperimentInput): Promise<Experiment> {
    const { name, artifactLocation, tags } = parseOrThrow(createExperimentInputSchema, input, 'experiment');
    const created = await this.db.transaction((tx) => this.insert(tx, name, artifactLocation, tags ?? []));
    if (created) return created;
    const existing = await this.repository.findByName(this.db, name);
    throw new ExperimentAlreadyExistsError(name, existing?.experimentId);
  }

  /**
   * The active experiment of this name, created when there is none (a run started by experiment
   * name). Concurrent callers get the same experiment; `created` is true for exactly one of them.
   */
  async getOrCreateByName(name: string): Promise<{ experiment: Experiment; created: boolean }> {
    parseOrThrow(experimentNameSchema, name, 'experiment name');
    // A failed insert means a concurrent caller created it: the second read finds theirs.
    for (let attempt = 0; ; attempt++) {
      const existing = await this.repository.findByName(this.db, name);
      if (existing?.lifecycleStage === 'active')
        return { experiment: await this.withTags(existing), created: false };
      if (attempt === 2) throw new ExperimentAlreadyExistsError(name, existing?.experimentId);
      const created = await this.db.transaction((tx) => this.insert(tx, name, undefined, []));
      if (created) return { experiment: created, created: true };
    }
  }

  /** The experiment, active or deleted; {@link ExperimentNotFoundError} when there is none. */
  async get(experimentId: string): Promise<Experiment> {
    return this.withTags(await this.record(this.db, experimentId));
  }

  /** The active experiment of this name, else the one of this name deleted last; `undefined` when none. */
  async findByName(name: string): Promise<Experiment | undefined> {
    const record = await this.repository.findByName(this.db, name);
    return record && this.withTags(record);
  }

  /** Like {@link findByName}, but {@link ExperimentNotFoundError} when there is none. */
  async getByName(name: string): Promise<Experiment> {
    const experiment = await this.findByName(name);
    if (!experiment) throw new ExperimentNotFoundError({ name });
    return experiment;
  }

  /** A page of experiments (MLflow search_experiments), keyset-paginated with an opaque token. */
  async search(
    query: ExperimentSearchQuery = {},
  ): Promise<{ experiments: Experiment[]; nextPageToken?: string }> {
    const page = await searchExperimentRecords(this.db, query);
    const tags = await this.repository.tagsOf(
      this.db,
      page.experiments.map((e) => e.experimentId),
    );
    return {
      experiments: page.experiments.map((e) => ({ ...e, tags: tags.get(e.experimentId) ?? [] })),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  }

  /** Renames an active experiment; the new name must be free among active experiments. */
  async rename(experimentId: string, newName: string): Promise<Experiment> {
    parseOrThrow(experimentNameSchema, newName, 'experiment name');
    try {
      await this.db.transaction(async (tx) => {
        await this.activeRecord(tx, experimentId, 'rename');
        await this.repository.rename(tx, experimentId, newName, Date.now());
      });
    } catch (error) {
      if (isUniqueViolation(error, ACTIVE_NAME_INDEX)) {
        const holder = await this.repository.findByName(this.db, newName);
        throw new ExperimentAlreadyExistsError(newName, holder?.experimentId);
      }
      throw error;
    }
    return this.get(experimentId);
  }

  /** Soft-deletes an active experiment and its active runs. */
  async delete(experimentId: string): Promise<Experiment> {
    await this.db.transaction(async (tx) => {
      await this.activeRecord(tx, experimentId, 'delete');
      await this.repository.markDeleted(tx, experimentId, Date.now());
    });
    return this.get(experimentId);
  }

  /** Restores a deleted experiment and the runs deleted with it; its name must be free among active experiments. */
  async restore(experimentId: string): Promise<Experiment> {
    try {
      await this.db.transaction(async (tx) => {
        const record = await this.record(tx, experimentId, 'update');
        if (record.lifecycleStage !== 'deleted' || record.deletedTime === null) {
          throw new ExperimentInvalidStateError(experimentId, 'deleted', 'restore');
        }
        await this.repository.markRestored(tx, experimentId, record.deletedTime, Date.now());
      });
    } catch (error) {
      if (isUniqueViolation(error, ACTIVE_NAME_INDEX)) {
        const record = await this.record(this.db, experimentId);
        const holder = await this.repository.findByName(this.db, record.name);
        throw new ExperimentAlreadyExistsError(record.name, holder?.experimentId);
      }
      throw error;
    }
    return this.get(experimentId);
  }

  /** Sets (or overwrites) a tag of an active experiment. */
  async setTag(experimentId: string, tag: Tag): Promise<Experiment> {
    const valid = parseOrThrow(tagSchema, tag, 'experiment tag');
    await this.db.transaction(async (tx) => {
      await this.activeRecord(tx, experimentId, 'tag');
      await this.repository.upsertTags(tx, experimentId, [valid]);
      await this.repository.touch(tx, experimentId, Date.now());
    });
    return this.get(experimentId);
  }

  /** Deletes a tag of an active experiment; {@link ExperimentTagNotFoundError} when it has none of that key. */
  async deleteTag(experimentId: string, key: string): Promise<Experiment> {
    parseOrThrow(trackingKeySchema, key, 'experiment tag key');
    await this.db.transaction(async (tx) => {
      await this.activeRecord(tx, experimentId, 'untag');
      if (!(await this.repository.deleteTag(tx, experimentId, key))) {
        throw new ExperimentTagNotFoundError(experimentId, key);
      }
      await this.repository.touch(tx, experimentId, Date.now());
    });
    return this.get(experimentId);
  }

  private async insert(
    tx: Queryable,
    name: string,
    artifactLocation: string | undefined,
    tags: Tag[],
  ): Promise<Experiment | undefined> {
    const experimentId = await this.repository.nextId(tx);
    const record = await this.repository.insert(tx, {
      experimentId,
      name,
      artifactLocation: artifactLocation ?? experimentArtifactLocation(this.artifactRoot, experimentId),
      now: Date.now(),
    });
    if (!record) return undefined;
    await this.repository.upsertTags(tx, experimentId, tags);
    return { ...record, tags: (await this.repository.tagsOf(tx, [experimentId])).get(experimentId) ?? [] };
  }

  private async record(db: Queryable, experimentId: string, lock?: 'update'): Promise<ExperimentRecord> {
    parseOrThrow(experimentIdSchema, experimentId, 'experiment id');
    const record = await this.repository.findById(db, experimentId, lock);
    if (!record) throw new ExperimentNotFoundError({ experimentId });
    return record;
  }

  private async activeRecord(db: Queryable, experimentId: string, action: string): Promise<ExperimentRecord> {
    const record = await this.record(db, experimentId, 'update');
    if (record.lifecycleStage !== 'active')
      throw new ExperimentInvalidStateError(experimentId, 'active', action);
    return record;
  }

  private async withTags(record: ExperimentRecord): Promise<Experiment> {
    const tags = await this.repository.tagsOf(this.db, [record.experimentId]);
    return { ...record, tags: tags.get(record.experimentId) ?? [] };
  }
}
