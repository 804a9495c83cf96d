import type { Tag } from '@slipway/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { Queryable } from '../persistence/queryable';
import { parseOptionalRow, parseRows, returnedRows } from '../persistence/rows';
import {
  EXPERIMENT_COLUMNS,
  experimentRowSchema,
  experimentTagRowSchema,
  type Experiment,
} from './experiment.entity';

/** An experiment row without its tags. */
export type ExperimentRecord = Omit<Experiment, 'tags'>;

/** The unique index that keeps names of active experiments apart (see the CreateExperiments migration). */
export const ACTIVE_NAME_INDEX = 'experiments_active_name_key';

const WHAT = 'tracking.experiments row';

/** SQL of the `experiments` and `experiment_tags` tables; every method runs on the given connection or transaction. */
@Injectable()
export class ExperimentsRepository {
  async nextId(db: Queryable): Promise<string> {
    const rows = await db.query(`SELECT nextval('experiment_id_seq')::text AS id`);
    return parseRows(z.object({ id: z.string() }), rows, 'experiment id')[0].id;
  }

  /** Inserts an active experiment; `undefined` when an active one already has the name (or the id is taken). */
  async insert(
    db: Queryable,
    row: { experimentId: string; name: string; artifactLocation: string; now: number },
  ): Promise<ExperimentRecord | undefined> {
    const rows = await db.query(
      `INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
       VALUES ($1, $2, $3, 'active', $4, $4)
       ON CONFLICT DO NOTHING
       RETURNING ${EXPERIMENT_COLUMNS}`,
      [row.experimentId, row.name, row.artifactLocation, row.now],
    );
    return parseOptionalRow(experimentRowSchema, rows, WHAT);
  }

  /** The experiment; `lock` holds its row until the transaction ends (`share`: against deletion). */
  async findById(
    db: Queryable,
    experimentId: string,
    lock?: 'update' | 'share',
  ): Promise<ExperimentRecord | undefined> {
    const suffix = lock === 'update' ? ' FOR UPDATE' : lock === 'share' ? ' FOR SHARE' : '';
    const rows = await db.query(
      `SELECT ${EXPERIMENT_COLUMNS} FROM experiments WHERE experiment_id = $1${suffix}`,
      [experimentId],
    );
    return parseOptionalRow(experimentRowSchema, rows, WHAT);
  }

  /** The active experiment of this name, else the one of this name deleted last. */
  async findByName(db: Queryable, name: string): Promise<ExperimentRecord | undefined> {
    const rows = await db.query(
      `SELECT ${EXPERIMENT_COLUMNS} FROM experiments WHERE name = $1
       ORDER BY lifecycle_stage = 'active' DESC, deleted_time DESC NULLS LAST, experiment_id LIMIT 1`,
      [name],
    );
    return parseOptionalRow(experimentRowSchema, rows, WHAT);
  }

  /** Tags of each experiment (every id is present in the map, possibly with no tags), sorted by key. */
  async tagsOf(db: Queryable, experimentIds: readonly string[]): Promise<Map<string, Tag[]>> {
    const tags = new Map<string, Tag[]>(experimentIds.map((id) => [id, []]));
    if (experimentIds.length === 0) return tags;
    const rows = await db.query(
      'SELECT experiment_id, key, value FROM experiment_tags WHERE experiment_id = ANY($1) ORDER BY experiment_id, key',
      [experimentIds],
    );
    for (const row of parseRows(experimentTagRowSchema, rows, 'tracking.experiment_tags row')) {
      tags.get(row.experiment_id)?.push({ key: row.key, value: row.value });
    }
    return tags;
  }

  /** Sets tags, overwriting values of keys already set; the last of duplicate keys wins. */
  async upsertTags(db: Queryable, experimentId: string, tags: readonly Tag[]): Promise<void> {
    const unique = [...new Map(tags.map((t) => [t.key, t.value])).entries()];
    if (unique.length === 0) return;
    await db.query(
      `INSERT INTO experiment_tags (experiment_id, key, value)
       SELECT $1, key, value FROM unnest($2::text[], $3::text[]) AS t(key, value)
       ON CONFLICT (experiment_id, key) DO UPDATE SET value = EXCLUDED.value`,
      [experimentId, unique.map(([k]) => k), unique.map(([, v]) => v)],
    );
  }

  /** Deletes a tag; false when there was none. */
  async deleteTag(db: Queryable, experimentId: string, key: string): Promise<boolean> {
    const rows = await db.query(
      'DELETE FROM experiment_tags WHERE experiment_id = $1 AND key = $2 RETURNING key',
      [experimentId, key],
    );
    return returnedRows(rows).length === 1;
  }

  async touch(db: Queryable, experimentId: string, now: number): Promise<void> {
    await db.query('UPDATE experiments SET last_update_time = $2 WHERE experiment_id = $1', [
      experimentId,
      now,
    ]);
  }

  /** Renames; throws Postgres' unique violation on {@link ACTIVE_NAME_INDEX} when the name is taken. */
  async rename(db: Queryable, experimentId: string, name: string, now: number): Promise<void> {
    await db.query('UPDATE experiments SET name = $2, last_update_time = $3 WHERE experiment_id = $1', [
      experimentId,
      name,
      now,
    ]);
  }

  /** Soft-deletes the experiment and its active runs, all stamped with the same `now`. */
  async markDeleted(db: Queryable, experimentId: string, now: number): Promise<void> {
    await db.query(
      `UPDATE experiments SET lifecycle_stage = 'deleted', deleted_time = $2, last_update_time = $2
       WHERE experiment_id = $1`,
      [experimentId, now],
    );
    await db.query(
      `UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = $2
       WHERE experiment_id = $1 AND lifecycle_stage = 'active'`,
      [experimentId, now],
    );
  }

  /**
   * Restores the experiment and the runs deleted with it (same deletion time), not those deleted
   * one by one before. Throws Postgres' unique violation when an active experiment took the name.
   */
  async markRestored(db: Queryable, experimentId: string, deletedTime: number, now: number): Promise<void> {
    await db.query(
      `UPDATE experiments SET lifecycle_stage = 'active', deleted_time = NULL, last_update_time = $2
       WHERE experiment_id = $1`,
      [experimentId, now],
    );
    await db.query(
      `UPDATE runs SET lifecycle_stage = 'active', deleted_time = NULL
       WHERE experiment_id = $1 AND lifecycle_stage = 'deleted' AND deleted_time = $2`,
      [experimentId, deletedTime],
    );
  }
}
