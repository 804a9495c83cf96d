import { z } from 'zod';
import type { Queryable } from '../event-store';
import {
  type ModelVersionState,
  type PromotionRequestState,
  RegistryError,
  RegistryErrorCodes,
} from '../models';
import type { FoldedModel } from './model-fold';

const upsertedRows = z.array(z.object({ name: z.string() }));

/**
 * Writes the read-model rows of one model stream from its folded state. Run in the append's
 * transaction, so rows and events commit together. Without `previous` (a new or renamed model,
 * {@link ReadModelRebuilder}) every row is written afresh; with it, only the rows whose state
 * changed (see `writeChanges`), so the incremental path and the rebuild give the same rows.
 *
 * `models.name` is unique and each row names its stream: a model deleted loses its row, a model
 * renamed moves to the new name, and a name held by another stream (a concurrent registration
 * or rename to it) throws REGISTRY.MODEL_ALREADY_EXISTS, which rolls the append back.
 */
export async function writeModelState(
  tx: Queryable,
  folded: FoldedModel,
  previous?: FoldedModel,
): Promise<void> {
  const { streamId, state } = folded;
  if (!state.exists) {
    await tx.query('DELETE FROM models WHERE stream_id = $1', [streamId]);
    return;
  }
  const unchangedName = previous?.state.exists === true && previous.state.name === state.name;
  if (!unchangedName)
    await tx.query('DELETE FROM models WHERE stream_id = $1 AND name <> $2', [streamId, state.name]);
  await upsertModel(tx, folded);
  if (unchangedName) await writeChanges(tx, folded, previous);
  else await writeAll(tx, folded);
}

async function upsertModel(tx: Queryable, folded: FoldedModel): Promise<void> {
  const { streamId, state, timeline } = folded;
  const model = state.name;
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
}

/** Every row of the model written afresh: a new or renamed model, and the rebuild. */
async function writeAll(tx: Queryable, folded: FoldedModel): Promise<void> {
  const model = folded.state.name;
  await tx.query('DELETE FROM promotion_requests WHERE model = $1', [model]);
  await tx.query('DELETE FROM aliases WHERE model = $1', [model]);
  await tx.query('DELETE FROM model_versions WHERE model = $1', [model]);
  await upsertVersions(tx, folded, Object.values(folded.state.versions));
  await insertAliases(tx, folded);
  await insertOpenRequests(tx, folded);
}

/**
 * Only what differs from `previous` (the state the rows were written from by the last append of
 * this stream): `evolve` and the timeline keep the objects of what an event did not touch, so
 * identity says what changed. An approval writes one version, the aliases and the requests, not
 * every version of the model.
 */
async function writeChanges(tx: Queryable, folded: FoldedModel, previous: FoldedModel): Promise<void> {
  const { state, timeline } = folded;
  const model = state.name;
  const before = previous.state.versions;
  const removed = Object.keys(before)
    .map(Number)
    .filter((n) => state.versions[n] === undefined);
  if (removed.length > 0) {
    await tx.query('DELETE FROM model_versions WHERE model = $1 AND version = ANY($2)', [model, removed]);
  }
  const changed = Object.values(state.versions).filter(
    (v) => before[v.number] !== v || previous.timeline.versions[v.number] !== timeline.versions[v.number],
  );
  if (changed.length > 0) await upsertVersions(tx, folded, changed);
  if (previous.state.aliases !== state.aliases) await writeAliasChanges(tx, folded, previous);
  if (previous.state.requests !== state.requests) await writeRequestChanges(tx, folded, previous);
}

/** Aliases gone deleted, aliases new or moved upserted: disjoint rows, so one statement. */
async function writeAliasChanges(
  tx: Queryable,
  { state }: FoldedModel,
  previous: FoldedModel,
): Promise<void> {
  const before = previous.state.aliases;
  const gone = Object.keys(before).filter((alias) => state.aliases[alias] === undefined);
  const set = Object.entries(state.aliases)
    .filter(([alias, version]) => before[alias] !== version)
    .map(([alias, version]) => ({ alias, version }));
  await tx.query(
    `WITH gone AS (DELETE FROM aliases WHERE model = $1 AND alias = ANY($2::text[]))
     INSERT INTO aliases (model, alias, version)
     SELECT $1, r.alias, r.version FROM jsonb_to_recordset($3::jsonb) AS r(alias text, version int)
     ON CONFLICT (model, alias) DO UPDATE SET version = EXCLUDED.version`,
    [state.name, gone, JSON.stringify(set)],
  );
}

/** Requests closed deleted, requests opened inserted (an open request never changes): one statement. */
async function writeRequestChanges(
  tx: Queryable,
  { state }: FoldedModel,
  previous: FoldedModel,
): Promise<void> {
  const wasOpen = (id: string) => previous.state.requests[id]?.status === 'open';
  const closed = Object.values(previous.state.requests)
    .filter((r) => r.status === 'open' && state.requests[r.id]?.status !== 'open')
    .map((r) => r.id);
  const opened = Object.values(state.requests)
    .filter((r) => r.status === 'open' && !wasOpen(r.id))
    .map(requestRecord);
  await tx.query(
    `WITH closed AS (DELETE FROM promotion_requests WHERE model = $1 AND id = ANY($2::text[]))
     INSERT INTO promotion_requests (id, model, version, alias, requested_by, reason, gates, requires_approval)
     SELECT r.id, $1, r.version, r.alias, r.requested_by, r.reason, r.gates, r.requires_approval
     FROM jsonb_to_recordset($3::jsonb) AS r(id text, version int, alias text, requested_by jsonb,
       reason text, gates jsonb, requires_approval boolean)`,
    [state.name, closed, JSON.stringify(opened)],
  );
}

async function upsertVersions(
  tx: Queryable,
  { state, timeline }: FoldedModel,
  of: readonly ModelVersionState[],
): Promise<void> {
  const versions = of.map((v) => ({
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
       created_at timestamptz, updated_at timestamptz)
     ON CONFLICT (model, version) DO UPDATE SET source = EXCLUDED.source, run_id = EXCLUDED.run_id,
       flavor = EXCLUDED.flavor, signature = EXCLUDED.signature, metrics = EXCLUDED.metrics,
       tags = EXCLUDED.tags, status = EXCLUDED.status, description = EXCLUDED.description,
       created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`,
    [state.name, JSON.stringify(versions)],
  );
}

async function insertAliases(tx: Queryable, { state }: FoldedModel): Promise<void> {
  const model = state.name;
  const aliases = Object.entries(state.aliases).map(([alias, version]) => ({ alias, version }));
  await tx.query(
    `INSERT INTO aliases (model, alias, version)
     SELECT $1, r.alias, r.version FROM jsonb_to_recordset($2::jsonb) AS r(alias text, version int)`,
    [model, JSON.stringify(aliases)],
  );
}

async function insertOpenRequests(tx: Queryable, { state }: FoldedModel): Promise<void> {
  const model = state.name;
  const open = Object.values(state.requests)
    .filter((r) => r.status === 'open')
    .map(requestRecord);
  await tx.query(
    `INSERT INTO promotion_requests (id, model, version, alias, requested_by, reason, gates, requires_approval)
     SELECT r.id, $1, r.version, r.alias, r.requested_by, r.reason, r.gates, r.requires_approval
     FROM jsonb_to_recordset($2::jsonb) AS r(id text, version int, alias text, requested_by jsonb,
       reason text, gates jsonb, requires_approval boolean)`,
    [model, JSON.stringify(open)],
  );
}

function requestRecord(r: PromotionRequestState) {
  return {
    id: r.id,
    version: r.version,
    alias: r.alias,
    requested_by: r.requestedBy,
    reason: r.reason,
    gates: r.gates,
    requires_approval: r.requiresApproval,
  };
}
