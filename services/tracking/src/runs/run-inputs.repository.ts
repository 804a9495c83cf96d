import { Injectable } from '@nestjs/common';
import type { Dataset, DatasetInput } from '@slipway/contracts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../persistence/queryable';
import { parseOptionalRow, parseRows } from '../persistence/rows';

const datasetIdRow = z.object({ dataset_id: z.string() });
const inputRow = z.object({
  run_id: z.string(),
  name: z.string(),
  digest: z.string(),
  source_type: z.string(),
  source: z.string(),
  schema: z.string().nullable(),
  profile: z.string().nullable(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
});

/** SQL of `datasets` and `run_inputs` (MLflow log-inputs). */
@Injectable()
export class RunInputsRepository {
  /** The id of the experiment's dataset of this name and digest, stored now if it was not. */
  async datasetId(db: Queryable, experimentId: string, dataset: Dataset): Promise<string> {
    const inserted = parseOptionalRow(
      datasetIdRow,
      await db.query(
        `INSERT INTO datasets (dataset_id, experiment_id, name, digest, source_type, source, schema, profile)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (experiment_id, name, digest) DO NOTHING RETURNING dataset_id`,
        [
          randomUUID(),
          experimentId,
          dataset.name,
          dataset.digest,
          dataset.sourceType,
          dataset.source,
          dataset.schema ?? null,
          dataset.profile ?? null,
        ],
      ),
      'tracking.datasets row',
    );
    if (inserted) return inserted.dataset_id;
    const existing = parseOptionalRow(
      datasetIdRow,
      await db.query(
        'SELECT dataset_id FROM datasets WHERE experiment_id = $1 AND name = $2 AND digest = $3',
        [experimentId, dataset.name, dataset.digest],
      ),
      'tracking.datasets row',
    );
    return existing!.dataset_id;
  }

  /** Links the run to the dataset once; an input it already has keeps its first tags. */
  async addInput(db: Queryable, runId: string, datasetId: string, tags: DatasetInput['tags']): Promise<void> {
    await db.query(
      `INSERT INTO run_inputs (run_id, dataset_id, tags) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (run_id, dataset_id) DO NOTHING`,
      [runId, datasetId, JSON.stringify(tags)],
    );
  }

  /** The inputs of each of these runs, by dataset name and digest (runs without any are absent). */
  async inputsOf(db: Queryable, runIds: readonly string[]): Promise<Map<string, DatasetInput[]>> {
    const byRun = new Map<string, DatasetInput[]>();
    if (runIds.length === 0) return byRun;
    const rows = parseRows(
      inputRow,
      await db.query(
        `SELECT i.run_id, d.name, d.digest, d.source_type, d.source, d.schema, d.profile, i.tags
         FROM run_inputs i JOIN datasets d USING (dataset_id)
         WHERE i.run_id = ANY($1) ORDER BY i.run_id, d.name, d.digest`,
        [runIds],
      ),
      'tracking.run_inputs row',
    );
    for (const r of rows) {
      const input: DatasetInput = {
        dataset: {
          name: r.name,
          digest: r.digest,
          sourceType: r.source_type,
          source: r.source,
          ...(r.schema !== null ? { schema: r.schema } : {}),
          ...(r.profile !== null ? { profile: r.profile } : {}),
        },
        tags: r.tags,
      };
      const list = byRun.get(r.run_id);
      if (list) list.push(input);
      else byRun.set(r.run_id, [input]);
    }
    return byRun;
  }
}
