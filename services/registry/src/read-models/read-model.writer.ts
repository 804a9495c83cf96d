import { z } from 'zod';
import type { Queryable } from '../event-store';
import { RegistryError, RegistryErrorCodes } from '../models';
import type { FoldedModel } from './model-fold';

const upsertedRows = z.array(z.object({ name: z.string() }));

/**
 * Writes the read-model rows of one model stream from its folded state, replacing what was there.
 * Run in the append's transaction, so rows and events commit together; a whole-model write keeps
 * the incremental path and {@link ReadModelRebuilder} one and the same code.
 *
 * `models.name` is unique and each row names its stream: a model deleted loses its row, a model
 * renamed moves to the new name, and a name held by another stream (a concurrent registration
 * or rename to it) throws REGISTRY.MODEL_ALREADY_EXISTS, which rolls the append back.
 */
export async function writeModelState(tx: Queryable, folded: FoldedModel): Promise<void> {
  const { streamId, state, timeline } = folded;
  if (!state.exists) {
    await tx.query('DELETE FROM models WHERE stream_id = $1', [streamId]);
    return;
  }
  const model = state.name;
  await tx.query('DELETE FROM models WHERE stream_id = $1 AND name <> $2', [streamId, model]);
  const upserted = upsertedRows.parse(
    await tx.query(
      `INSERT INTO models (name, stream_id, description, tags, last_version, stream_version, position,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9)
       ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, tags = EXCLUDED.tags,
         last_version = EXCLUDED.last_version, stream_version = EXCLUDED.stream_version,
         position = EXCLUDED.position, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
       WHERE models.stream_id = EXCLUDED.stream_id
       RETURNING name`,
      [
        model,
        streamId,
        state.description,
        JSON.stringify(state.tags),
        state.lastVersion,
        folded.streamVersion,
        folded.position,
        timeline.createdAt,
        timeline.updatedAt,
      ],
    ),
  );
  if (upserted.length === 0) {
    throw new RegistryError(RegistryErrorCodes.MODEL_ALREADY_EXISTS, `model ${model} already exists`, {
      model,
    });
  }
  await tx.query('DELETE FROM promotion_requests WHERE model = $1', [model]);
  await tx.query('DELETE FROM aliases WHERE model = $1', [model]);
  await tx.query('DELETE FROM model_versions WHERE model = $1', [model]);
  const versions = Object.values(state.versions).map((v) => ({
    version: v.number,
    source: v.source,
    run_id: v.runId,
    flavor: v.flavor,
    signature: v.signature,
    metrics: v.metrics,
    tags: v.tags,
    status: v.status,
    description: v.description,
    created_by: v.createdBy,
    created_at: timeline.versions[v.number]?.createdAt ?? null,
    updated_at: timeline.versions[v.number]?.updatedAt ?? null,
  }));
  await tx.query(
    `INSERT INTO model_versions (model, version, source, run_id, flavor, signature, metrics, tags, status,
       description, created_by, created_at, updated_at)
     SELECT $1, r.version, r.source, r.run_id, r.flavor, r.signature, r.metrics, r.tags, r.status,
       r.description, r.created_by, r.created_at, r.updated_at
     FROM jsonb_to_recordset($2::jsonb) AS r(version int, source text, run_id text, flavor text,
       signature jsonb, metrics jsonb, tags jsonb, status text, description text, created_by jsonb,
       created_at timestamptz, updated_at timestamptz)`,
    [model, JSON.stringify(versions)],
  );
  const aliases = Object.entries(state.aliases).map(([alias, version]) => ({ alias, version }));
  await tx.query(
    `INSERT INTO aliases (model, alias, version)
     SELECT $1, r.alias, r.version FROM jsonb_to_recordset($2::jsonb) AS r(alias text, version int)`,
    [model, JSON.stringify(aliases)],
  );
  const open = Object.values(state.requests)
    .filter((r) => r.status === 'open')
    .map((r) => ({
      id: r.id,
      version: r.version,
      alias: r.alias,
      requested_by: r.requestedBy,
      reason: r.reason,
      gates: r.gates,
      requires_approval: r.requiresApproval,
    }));
  await tx.query(
    `INSERT INTO promotion_requests (id, model, version, alias, requested_by, reason, gates, requires_approval)
     SELECT r.id, $1, r.version, r.alias, r.requested_by, r.reason, r.gates, r.requires_approval
     FROM jsonb_to_recordset($2::jsonb) AS r(id text, version int, alias text, requested_by jsonb,
       reason text, gates jsonb, requires_approval boolean)`,
    [model, JSON.stringify(open)],
  );
}
