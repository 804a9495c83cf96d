import type { Queryable } from '../event-store';
import type { ModelState } from '../models';

/** Where a model's read-model rows stand: its stream's version and the global position of that event. */
export interface ModelMark {
  readonly streamVersion: number;
  readonly position: number;
}

/**
 * Writes the read-model rows of one model from its folded state, replacing what was there. Run
 * in the append's transaction, so rows and events commit together; a whole-model write keeps the
 * incremental path and {@link ReadModelRebuilder} one and the same code.
 */
export async function writeModelState(tx: Queryable, state: ModelState, mark: ModelMark): Promise<void> {
  if (!state.exists) return;
  const model = state.name;
  await tx.query(
    `INSERT INTO models (name, description, tags, last_version, stream_version, position)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6)
     ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, tags = EXCLUDED.tags,
       last_version = EXCLUDED.last_version, stream_version = EXCLUDED.stream_version,
       position = EXCLUDED.position`,
    [
      model,
      state.description,
      JSON.stringify(state.tags),
      state.lastVersion,
      mark.streamVersion,
      mark.position,
    ],
  );
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
  }));
  await tx.query(
    `INSERT INTO model_versions (model, version, source, run_id, flavor, signature, metrics, tags, status)
     SELECT $1, r.version, r.source, r.run_id, r.flavor, r.signature, r.metrics, r.tags, r.status
     FROM jsonb_to_recordset($2::jsonb) AS r(version int, source text, run_id text, flavor text,
       signature jsonb, metrics jsonb, tags jsonb, status text)`,
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
