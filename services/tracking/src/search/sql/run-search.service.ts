import { Inject, Injectable, Optional } from '@nestjs/common';
import { DATA_SOURCE } from '@slipway/runtime';
import type { DataSource } from 'typeorm';
import { RunDataRepository } from '../../runs/run-data.repository';
import type { LifecycleStage } from '../../persistence/lifecycle';
import { parseRows } from '../../persistence/rows';
import { runColumns, runRowSchema, type RunDetails } from '../../runs/run.entity';
import { searchRunRecords, type RunPage, type RunSearchQuery } from './run-search.query';

/** Search of runs by params, tags and attributes in Postgres, with their params and tags (MLflow SearchRuns). */
@Injectable()
export class RunSearchService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Optional() private readonly data: RunDataRepository = new RunDataRepository(),
  ) {}

  /** The runs of `runIds` in one of `stages`, with params and tags, by id (others are absent). */
  async detailsOf(
    runIds: readonly string[],
    stages: readonly LifecycleStage[],
  ): Promise<Map<string, RunDetails>> {
    if (runIds.length === 0) return new Map();
    const rows = await this.db.query(
      `SELECT ${runColumns()} FROM runs WHERE run_id = ANY($1) AND lifecycle_stage = ANY($2)`,
      [runIds, stages],
    );
    const runs = parseRows(runRowSchema, rows, 'tracking.runs row');
    const ids = runs.map((r) => r.runId);
    const [params, tags] = await Promise.all([
      this.data.paramsOf(this.db, ids),
      this.data.tagsOf(this.db, ids),
    ]);
    return new Map(
      runs.map((info) => [
        info.runId,
        { info, data: { params: params.get(info.runId) ?? [], tags: tags.get(info.runId) ?? [] } },
      ]),
    );
  }

  /** One page of matching runs, each with its params and tags (metrics are the caller's to add). */
  async search(query: RunSearchQuery): Promise<RunPage<RunDetails>> {
    const page = await searchRunRecords(this.db, query);
    const ids = page.runs.map((r) => r.runId);
    const [params, tags] = await Promise.all([
      this.data.paramsOf(this.db, ids),
      this.data.tagsOf(this.db, ids),
    ]);
    return {
      runs: page.runs.map((info) => ({
        info,
        data: { params: params.get(info.runId) ?? [], tags: tags.get(info.runId) ?? [] },
      })),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  }
}
