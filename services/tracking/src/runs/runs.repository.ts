import { Injectable } from '@nestjs/common';
import type { RunStatus } from '@slipway/contracts';
import type { LifecycleStage } from '../persistence/lifecycle';
import type { Queryable } from '../persistence/queryable';
import { parseOptionalRow, parseRows, returnedRows } from '../persistence/rows';
import { runColumns, runRowSchema, type Run } from './run.entity';

const WHAT = 'tracking.runs row';

/** A run to insert: every attribute but the lifecycle, which starts active. */
export type NewRun = Omit<Run, 'lifecycleStage' | 'deletedTime'>;

/** SQL of the `runs` table; every method runs on the given connection or transaction. */
@Injectable()
export class RunsRepository {
  /** Inserts the run; `undefined` when a run with this id already exists. */
  async insert(db: Queryable, run: NewRun): Promise<Run | undefined> {
    const rows = await db.query(
      `INSERT INTO runs (run_id, experiment_id, run_name, status, start_time, end_time, user_id, source_name,
                         source_git_commit, parent_run_id, lifecycle_stage, artifact_uri)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', $11)
       ON CONFLICT (run_id) DO NOTHING
       RETURNING ${runColumns()}`,
      [
        run.runId,
        run.experimentId,
        run.runName,
        run.status,
        run.startTime,
        run.endTime,
        run.userId,
        run.sourceName,
        run.gitCommit,
        run.parentRunId,
        run.artifactUri,
      ],
    );
    return parseOptionalRow(runRowSchema, rows, WHAT);
  }

  /** The run; `lock` holds its row until the transaction ends. */
  async findById(db: Queryable, runId: string, lock?: 'update' | 'share'): Promise<Run | undefined> {
    const suffix = lock === 'update' ? ' FOR UPDATE' : lock === 'share' ? ' FOR SHARE' : '';
    const rows = await db.query(`SELECT ${runColumns()} FROM runs WHERE run_id = $1${suffix}`, [runId]);
    return parseOptionalRow(runRowSchema, rows, WHAT);
  }

  async update(
    db: Queryable,
    runId: string,
    values: { status: RunStatus; endTime: number | null; runName: string | null },
  ): Promise<Run> {
    const rows = await db.query(
      `UPDATE runs SET status = $2, end_time = $3, run_name = $4 WHERE run_id = $1 RETURNING ${runColumns()}`,
      [runId, values.status, values.endTime, values.runName],
    );
    return parseRows(runRowSchema, returnedRows(rows), WHAT)[0];
  }

  async setRunName(db: Queryable, runId: string, runName: string): Promise<void> {
    await db.query('UPDATE runs SET run_name = $2 WHERE run_id = $1', [runId, runName]);
  }

  async setLifecycle(db: Queryable, runId: string, stage: LifecycleStage, now: number): Promise<Run> {
    const rows = await db.query(
      `UPDATE runs SET lifecycle_stage = $2, deleted_time = CASE WHEN $2 = 'deleted' THEN $3::bigint END
       WHERE run_id = $1 RETURNING ${runColumns()}`,
      [runId, stage, now],
    );
    return parseRows(runRowSchema, returnedRows(rows), WHAT)[0];
  }

  /** The runs of these ids that exist, in no particular order. */
  async findByIds(db: Queryable, runIds: readonly string[]): Promise<Run[]> {
    if (runIds.length === 0) return [];
    const rows = await db.query(`SELECT ${runColumns()} FROM runs WHERE run_id = ANY($1)`, [runIds]);
    return parseRows(runRowSchema, rows, WHAT);
  }

  /** Ids of the runs of these experiments in the given stages. */
  async idsOfExperiments(
    db: Queryable,
    experimentIds: readonly string[],
    stages: readonly LifecycleStage[],
  ): Promise<string[]> {
    const rows: Array<{ run_id: string }> = await db.query(
      `SELECT run_id FROM runs WHERE experiment_id = ANY($1) AND lifecycle_stage = ANY($2)`,
      [experimentIds, stages],
    );
    return rows.map((r) => String(r.run_id));
  }

  /** Children of a run in the given stages, oldest first. */
  async children(db: Queryable, parentRunId: string, stages: readonly LifecycleStage[]): Promise<Run[]> {
    const rows = await db.query(
      `SELECT ${runColumns()} FROM runs WHERE parent_run_id = $1 AND lifecycle_stage = ANY($2)
       ORDER BY start_time, run_id`,
      [parentRunId, stages],
    );
    return parseRows(runRowSchema, rows, WHAT);
  }
}
