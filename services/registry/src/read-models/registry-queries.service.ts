import { Inject, Injectable } from '@nestjs/common';
import {
  type AsOf,
  gateResultSchema,
  type HistoryEntry,
  type ModelView,
  modelSignatureSchema,
  actorSchema,
  parseOrThrow,
} from '@slipway/contracts';
import { DATA_SOURCE } from '@slipway/runtime';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { modelStreamId, toModelEvent, toModelEvents } from '../commands/model-event-codec';
import { EventStore, type ReadStreamOptions, type StoredEvent } from '../event-store';
import { fold, RegistryError, RegistryErrorCodes } from '../models';
import { toModelView } from './model-view';

const stringRecord = z.record(z.string(), z.string());
const modelRow = z.object({
  name: z.string(),
  description: z.string().nullable(),
  tags: stringRecord,
  stream_version: z.int(),
});
const versionRow = z.object({
  version: z.int(),
  source: z.string(),
  run_id: z.string().nullable(),
  flavor: z.string(),
  signature: modelSignatureSchema.nullable(),
  metrics: z.record(z.string(), z.number().nullable()),
  tags: stringRecord,
  status: z.enum(['active', 'archived']),
});
const aliasRow = z.object({ alias: z.string(), version: z.int() });
const requestRow = z.object({
  id: z.string(),
  version: z.int(),
  alias: z.string(),
  requested_by: actorSchema,
  reason: z.string(),
  gates: z.array(gateResultSchema),
  requires_approval: z.boolean(),
});

/** Reads of the registry: current ones from the read models, `asOf` ones by folding the events up to then. */
@Injectable()
export class RegistryQueriesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  async getModel(model: string, asOf?: AsOf): Promise<ModelView> {
    if (asOf && (asOf.position !== undefined || asOf.time !== undefined)) {
      const stored = await this.store.readStream(modelStreamId(model), readOptions(asOf));
      const state = fold(toModelEvents(stored));
      if (!state.exists) throw notFound(model, asOf);
      return toModelView(state, stored.at(-1)?.version ?? 0);
    }
    return this.current(model);
  }

  async aliasHolder(model: string, alias: string, asOf?: AsOf) {
    const view = await this.getModel(model, asOf);
    const version = view.aliases[alias] ?? null;
    const source = view.versions.find((v) => v.version === version)?.source ?? null;
    return { model, alias, version, source };
  }

  /** Every event of the model (or about one alias) with who, why and when: the audit trail. */
  async history(model: string, alias?: string, asOf?: AsOf): Promise<HistoryEntry[]> {
    const stored = await this.store.readStream(modelStreamId(model), asOf ? readOptions(asOf) : {});
    if (stored.length === 0) throw notFound(model, asOf);
    return stored.filter((e) => alias === undefined || aboutAlias(e, alias)).map(toHistoryEntry);
  }

  private async current(model: string): Promise<ModelView> {
    const [row] = parseOrThrow(
      z.array(modelRow),
      await this.dataSource.query(
        'SELECT name, description, tags, stream_version FROM models WHERE name = $1',
        [model],
      ),
      'models row',
    );
    if (!row) throw notFound(model);
    const [versions, aliases, requests] = await Promise.all([
      this.rows(versionRow, 'SELECT * FROM model_versions WHERE model = $1 ORDER BY version', model),
      this.rows(aliasRow, 'SELECT alias, version FROM aliases WHERE model = $1', model),
      this.rows(requestRow, 'SELECT * FROM promotion_requests WHERE model = $1 ORDER BY id', model),
    ]);
    return {
      name: row.name,
      description: row.description,
      tags: row.tags,
      versions: versions.map((v) => ({
        version: v.version,
        source: v.source,
        runId: v.run_id,
        flavor: v.flavor,
        signature: v.signature,
        // JSON has no NaN: a non-finite metric comes back as null.
        metrics: Object.fromEntries(Object.entries(v.metrics).map(([k, m]) => [k, m ?? Number.NaN])),
        tags: v.tags,
        status: v.status,
        description: null,
        createdBy: null,
        createdAt: null,
        updatedAt: null,
      })),
      aliases: Object.fromEntries(aliases.map((a) => [a.alias, a.version])),
      openRequests: requests.map((r) => ({
        id: r.id,
        version: r.version,
        alias: r.alias,
        requestedBy: r.requested_by,
        reason: r.reason,
        gates: r.gates,
        requiresApproval: r.requires_approval,
      })),
      streamVersion: row.stream_version,
      createdAt: null,
      updatedAt: null,
    };
  }

  private async rows<S extends z.ZodType>(schema: S, sql: string, model: string): Promise<z.infer<S>[]> {
    return parseOrThrow(z.array(schema), await this.dataSource.query(sql, [model]), 'read-model row');
  }
}

function readOptions(asOf: AsOf): ReadStreamOptions {
  return {
    ...(asOf.position !== undefined ? { asOfPosition: asOf.position } : {}),
    ...(asOf.time !== undefined ? { asOfTime: new Date(asOf.time) } : {}),
  };
}

function aboutAlias(stored: StoredEvent, alias: string): boolean {
  const event = toModelEvent(stored);
  return event !== undefined && 'alias' in event.data && event.data.alias === alias;
}

function toHistoryEntry(e: StoredEvent): HistoryEntry {
  return {
    position: e.position,
    streamVersion: e.version,
    type: e.type,
    data: e.data,
    actor: e.metadata.actor,
    reason: e.metadata.reason ?? null,
    correlationId: e.metadata.correlationId ?? null,
    recordedAt: e.recordedAt.toISOString(),
  };
}

function notFound(model: string, asOf?: AsOf): RegistryError {
  const when = asOf ? ` as of ${JSON.stringify(asOf)}` : '';
  return new RegistryError(RegistryErrorCodes.MODEL_NOT_FOUND, `model ${model} not found${when}`, { model });
}
