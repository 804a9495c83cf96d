import { Injectable } from '@nestjs/common';
import type { Param, Tag } from '@slipway/contracts';
import { z } from 'zod';
import type { Queryable } from '../persistence/queryable';
import { parseRows, returnedRows } from '../persistence/rows';
import { keyValueRowSchema } from './run.entity';

/** SQL of the `params` and `run_tags` tables; every method runs on the given connection or transaction. */
@Injectable()
export class RunDataRepository {
  /** Inserts params whose key the run does not have yet; keys already logged are left as they are. */
  async insertParams(db: Queryable, runId: string, params: readonly Param[]): Promise<number> {
    if (params.length === 0) return 0;
    const rows = await db.query(
      `INSERT INTO params (run_id, key, value)
       SELECT $1, key, value FROM unnest($2::text[], $3::text[]) AS p(key, value)
       ON CONFLICT (run_id, key) DO NOTHING
       RETURNING key`,
      [runId, params.map((p) => p.key), params.map((p) => p.value)],
    );
    return parseRows(z.object({ key: z.string() }), rows, 'inserted param').length;
  }

  /** The stored values of these keys of one run. */
  async paramValues(db: Queryable, runId: string, keys: readonly string[]): Promise<Map<string, string>> {
    const rows = await db.query('SELECT run_id, key, value FROM params WHERE run_id = $1 AND key = ANY($2)', [
      runId,
      keys,
    ]);
    return new Map(parseRows(keyValueRowSchema, rows, 'tracking.params row').map((r) => [r.key, r.value]));
  }

  /** Sets tags, overwriting values of keys already set. Keys must be unique within `tags`. */
  async upsertTags(db: Queryable, runId: string, tags: readonly Tag[]): Promise<void> {
    if (tags.length === 0) return;
    await db.query(
      `INSERT INTO run_tags (run_id, key, value)
       SELECT $1, key, value FROM unnest($2::text[], $3::text[]) AS t(key, value)
       ON CONFLICT (run_id, key) DO UPDATE SET value = EXCLUDED.value`,
      [runId, tags.map((t) => t.key), tags.map((t) => t.value)],
    );
  }

  /** Deletes a tag; false when the run had none of that key. */
  async deleteTag(db: Queryable, runId: string, key: string): Promise<boolean> {
    const rows = await db.query('DELETE FROM run_tags WHERE run_id = $1 AND key = $2 RETURNING key', [
      runId,
      key,
    ]);
    return returnedRows(rows).length === 1;
  }

  /** Params of each run, sorted by key (every id is in the map). */
  async paramsOf(db: Queryable, runIds: readonly string[]): Promise<Map<string, Param[]>> {
    return this.keyValuesOf(db, 'params', runIds);
  }

  /** Tags of each run, sorted by key (every id is in the map). */
  async tagsOf(db: Queryable, runIds: readonly string[]): Promise<Map<string, Tag[]>> {
    return this.keyValuesOf(db, 'run_tags', runIds);
  }

  private async keyValuesOf(
    db: Queryable,
    table: 'params' | 'run_tags',
    runIds: readonly string[],
  ): Promise<Map<string, { key: string; value: string }[]>> {
    const byRun = new Map<string, { key: string; value: string }[]>(runIds.map((id) => [id, []]));
    if (runIds.length === 0) return byRun;
    const rows = await db.query(
      `SELECT run_id, key, value FROM ${table} WHERE run_id = ANY($1) ORDER BY run_id, key`,
      [runIds],
    );
    for (const row of parseRows(keyValueRowSchema, rows, `tracking.${table} row`)) {
      byRun.get(row.run_id)?.push({ key: row.key, value: row.value });
    }
    return byRun;
  }
}
