import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  gitCommitSchema,
  epochMillisSchema,
  experimentIdSchema,
  experimentNameSchema,
  parseOrThrow,
  runIdSchema,
  runStatusSchema,
  tagListSchema,
  type RunStatus,
} from '@slipway/contracts';
import { DATA_SOURCE } from '@slipway/runtime';
import { SearchIndex } from '../search-index/search-index';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { runArtifactUri } from '../experiments/artifact-root';
import { ExperimentInvalidStateError, ExperimentNotFoundError } from '../experiments/experiment.errors';
import { ExperimentsRepository } from '../experiments/experiments.repository';
import { DEFAULT_EXPERIMENT, ExperimentsService } from '../experiments/experiments.service';
import { stagesOf, viewTypeSchema, type ViewType } from '../persistence/lifecycle';
import type { Queryable } from '../persistence/queryable';
import { RunDataRepository } from './run-data.repository';
import type { Run, RunDetails } from './run.entity';
import { RunAlreadyExistsError, RunInvalidStateError, RunNotFoundError } from './run.errors';
import { newRunId } from './run-id';
import { RunsRepository, type NewRun } from './runs.repository';
import { MlflowTags, startAttributes, withSystemTags, type StartAttributes } from './system-tags';

/** Input of {@link RunsService.create}; the run goes to experiment '0' (Default) when no experiment is named. */
export const createRunInputSchema = z.strictObject({
  /** Chosen by the client so that a redelivered start is recognised; default 32 random hex digits. */
  runId: runIdSchema.optional(),
  experimentId: experimentIdSchema.optional(),
  /** The experiment by name, created if no active one has it (ignored when `experimentId` is given). */
  experimentName: experimentNameSchema.optional(),
  runName: z.string().min(1).max(250).optional(),
  userId: z.string().min(1).max(256).optional(),
  sourceName: z.string().max(1024).optional(),
  gitCommit: gitCommitSchema.optional(),
  parentRunId: runIdSchema.optional(),
  /** Default now. */
  startTime: epochMillisSchema.optional(),
  status: z.enum(['RUNNING', 'SCHEDULED']).default('RUNNING'),
  /** MLflow's system tags (`mlflow.runName`, `mlflow.user`, …) fill the attributes not given. */
  tags: tagListSchema.default([]),
});
export type CreateRunInput = z.input<typeof createRunInputSchema>;

/** Input of {@link RunsService.update} (MLflow UpdateRun). */
export const updateRunInputSchema = z.strictObject({
  status: runStatusSchema.optional(),
  /** Default now when the status becomes FINISHED, FAILED or KILLED and no end time is stored. */
  endTime: epochMillisSchema.optional(),
  runName: z.string().min(1).max(250).optional(),
});
export type UpdateRunInput = z.input<typeof updateRunInputSchema>;

const TERMINAL: ReadonlySet<RunStatus> = new Set(['FINISHED', 'FAILED', 'KILLED']);

/** Runs: idempotent create, read, update (status, end time, name), soft delete and restore, children of nested runs. */
@Injectable()
export class RunsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(ExperimentsService) private readonly experiments: ExperimentsService,
    @Optional() private readonly runs: RunsRepository = new RunsRepository(),
    @Optional() private readonly data: RunDataRepository = new RunDataRepository(),
    @Optional() private readonly experimentRows: ExperimentsRepository = new ExperimentsRepository(),
    @Optional() private readonly searchIndex?: SearchIndex,
  ) {}

  /**
   * Creates a run with its tags in one transaction. Idempotent: when `runId` exists and was
   * started with the same experiment, start time, user, source, commit and parent (what a
   * redelivered start event carries), nothing changes and `created` is false; when those differ,
   * {@link RunAlreadyExistsError}.
   */
  async create(input: CreateRunInput): Promise<{ run: Run; created: boolean }> {
    const given = parseOrThrow(createRunInputSchema, input, 'run');
    const runId = given.runId ?? newRunId();
    const attributes = startAttributes(given);

    const existing = await this.runs.findById(this.db, runId);
    if (existing)
      return this.indexed({ run: await this.sameStart(existing, given, attributes), created: false });

    const experimentId =
      given.experimentId ??
      (given.experimentName
        ? (await this.experiments.getOrCreateByName(given.experimentName)).experiment.experimentId
        : DEFAULT_EXPERIMENT.experimentId);
    const inserted = await this.db.transaction(async (tx) => {
      const experiment = await this.experimentRows.findById(tx, experimentId, 'share');
      if (!experiment) throw new ExperimentNotFoundError({ experimentId });
      if (experiment.lifecycleStage !== 'active') {
        throw new ExperimentInvalidStateError(experimentId, 'active', 'start a run in');
      }
      const run: NewRun = {
        runId,
        experimentId,
        ...attributes,
        status: given.status,
        startTime: given.startTime ?? Date.now(),
        endTime: null,
        artifactUri: runArtifactUri(experiment.artifactLocation, runId),
      };
      const stored = await this.runs.insert(tx, run);
      if (stored) await this.data.upsertTags(tx, runId, withSystemTags(given.tags, attributes));
      return stored;
    });
    if (inserted) return this.indexed({ run: inserted, created: true });
    // A concurrent delivery of the same start won the insert: judge it like a redelivery.
    const winner = await this.get(runId);
    return this.indexed({ run: await this.sameStart(winner, given, attributes), created: false });
  }

  /**
   * Copies the run into the search copy after the commit; a redelivered start copies it again,
   * which repairs a copy lost to a crash between the two writes.
   */
  private async indexed(result: { run: Run; created: boolean }): Promise<{ run: Run; created: boolean }> {
    await this.searchIndex?.runsCreated([result.run]);
    return result;
  }

  /** The run, active or deleted; {@link RunNotFoundError} when there is none. */
  async get(runId: string): Promise<Run> {
    return this.existing(this.db, runId);
  }

  /** Ids of the runs of these experiments (active ones unless `viewType` says otherwise). */
  runIdsOf(experimentIds: readonly string[], viewType: ViewType = 'ACTIVE_ONLY'): Promise<string[]> {
    return this.runs.idsOfExperiments(this.db, experimentIds, stagesOf(viewType));
  }

  /** Several runs with their params and tags, in the order of `runIds`; a missing one is {@link RunNotFoundError}. */
  async getManyDetails(runIds: readonly string[]): Promise<RunDetails[]> {
    const unique = [...new Set(runIds)];
    const [runs, params, tags] = await Promise.all([
      this.runs.findByIds(this.db, unique),
      this.data.paramsOf(this.db, unique),
      this.data.tagsOf(this.db, unique),
    ]);
    const byId = new Map(runs.map((r) => [r.runId, r]));
    return unique.map((runId) => {
      const info = byId.get(runId);
      if (!info) throw new RunNotFoundError(runId);
      return { info, data: { params: params.get(runId) ?? [], tags: tags.get(runId) ?? [] } };
    });
  }

  /** The run with its params and tags (MLflow GetRun, without metrics). */
  async getDetails(runId: string): Promise<RunDetails> {
    const info = await this.get(runId);
    const [params, tags] = await Promise.all([
      this.data.paramsOf(this.db, [runId]),
      this.data.tagsOf(this.db, [runId]),
    ]);
    return { info, data: { params: params.get(runId) ?? [], tags: tags.get(runId) ?? [] } };
  }

  /**
   * Changes status, end time and/or name of an active run. `changed` is false when everything
   * already had these values (a redelivered finish), so callers publish a status change only once.
   */
  async update(
    runId: string,
    input: UpdateRunInput,
  ): Promise<{ run: Run; previousStatus: RunStatus; changed: boolean }> {
    const changes = parseOrThrow(updateRunInputSchema, input, 'run update');
    return this.db.transaction(async (tx) => {
      const run = await this.existing(tx, runId, 'update');
      if (run.lifecycleStage !== 'active') {
        throw new RunInvalidStateError(runId, 'a deleted run cannot be updated');
      }
      const status = changes.status ?? run.status;
      const endsNow = TERMINAL.has(status) && run.endTime === null;
      const next = {
        status,
        endTime: changes.endTime ?? (endsNow ? Date.now() : run.endTime),
        runName: changes.runName ?? run.runName,
      };
      if (next.status === run.status && next.endTime === run.endTime && next.runName === run.runName) {
        return { run, previousStatus: run.status, changed: false };
      }
      const updated = await this.runs.update(tx, runId, next);
      if (next.runName !== null && next.runName !== run.runName) {
        await this.data.upsertTags(tx, runId, [{ key: MlflowTags.RUN_NAME, value: next.runName }]);
      }
      return { run: updated, previousStatus: run.status, changed: true };
    });
  }

  /** Soft-deletes the run (a no-op when it is deleted already). */
  async delete(runId: string): Promise<Run> {
    return this.db.transaction(async (tx) => {
      const run = await this.existing(tx, runId, 'update');
      if (run.lifecycleStage === 'deleted') return run;
      return this.runs.setLifecycle(tx, runId, 'deleted', Date.now());
    });
  }

  /** Restores a deleted run (a no-op when it is active); its experiment must be active. */
  async restore(runId: string): Promise<Run> {
    return this.db.transaction(async (tx) => {
      const run = await this.existing(tx, runId, 'update');
      if (run.lifecycleStage === 'active') return run;
      const experiment = await this.experimentRows.findById(tx, run.experimentId, 'share');
      if (experiment?.lifecycleStage !== 'active') {
        throw new RunInvalidStateError(runId, `restore its experiment ${run.experimentId} first`);
      }
      return this.runs.setLifecycle(tx, runId, 'active', Date.now());
    });
  }

  /** The child runs of a parent (nested runs), oldest first; active ones unless `viewType` says otherwise. */
  async listChildren(parentRunId: string, viewType: ViewType = 'ACTIVE_ONLY'): Promise<Run[]> {
    parseOrThrow(runIdSchema, parentRunId, 'parent run id');
    return this.runs.children(
      this.db,
      parentRunId,
      stagesOf(parseOrThrow(viewTypeSchema, viewType, 'view type')),
    );
  }

  private async existing(db: Queryable, runId: string, lock?: 'update'): Promise<Run> {
    parseOrThrow(runIdSchema, runId, 'run id');
    const run = await this.runs.findById(db, runId, lock);
    if (!run) throw new RunNotFoundError(runId);
    return run;
  }

  /** The stored run when `given` describes the same start, else {@link RunAlreadyExistsError}. */
  private async sameStart(
    stored: Run,
    given: z.infer<typeof createRunInputSchema>,
    attributes: StartAttributes,
  ): Promise<Run> {
    const differences: { field: string; stored: unknown; given: unknown }[] = [];
    const compare = (field: string, storedValue: unknown, givenValue: unknown) => {
      if (storedValue !== givenValue) differences.push({ field, stored: storedValue, given: givenValue });
    };
    if (given.experimentId !== undefined) compare('experimentId', stored.experimentId, given.experimentId);
    else if (given.experimentName !== undefined) {
      const experiment = await this.experimentRows.findById(this.db, stored.experimentId);
      compare('experimentName', experiment?.name, given.experimentName);
    } else compare('experimentId', stored.experimentId, DEFAULT_EXPERIMENT.experimentId);
    if (given.startTime !== undefined) compare('startTime', stored.startTime, given.startTime);
    compare('userId', stored.userId, attributes.userId);
    compare('sourceName', stored.sourceName, attributes.sourceName);
    compare('gitCommit', stored.gitCommit, attributes.gitCommit);
    compare('parentRunId', stored.parentRunId, attributes.parentRunId);
    if (differences.length > 0) throw new RunAlreadyExistsError(stored.runId, differences);
    return stored;
  }
}
