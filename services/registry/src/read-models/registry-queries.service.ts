import { Inject, Injectable } from '@nestjs/common';
import {
  type AsOf,
  type HistoryEntry,
  type MlflowStageName,
  type ModelVersionDetail,
  type ModelView,
  parseOrThrow,
} from '@slipway/contracts';
import { DATA_SOURCE } from '@slipway/runtime';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { toModelEvent } from '../commands/model-event-codec';
import { streamOfModel } from '../commands/model-streams';
import { EventStore, type ReadStreamOptions, type StoredEvent } from '../event-store';
import { RegistryError, RegistryErrorCodes } from '../models';
import { emptyFold, foldStored } from './model-fold';
import { toModelView } from './model-view';
import { aliasRow, isoOrNull, modelRow, requestRow, toVersionView, versionRow } from './read-model.rows';
import { latestPerStage, toVersionDetail } from './version-detail';

/** Reads of the registry: current ones from the read models, `asOf` ones by folding the events up to then. */
@Injectable()
export class RegistryQueriesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  /**
   * The model now, or as of a moment. `asOf` folds the stream that holds the name now (or, for a
   * name with no live model, the one it was first registered on) up to then.
   */
  async getModel(model: string, asOf?: AsOf): Promise<ModelView> {
    if (asOf && (asOf.position !== undefined || asOf.time !== undefined)) {
      const streamId = await streamOfModel(this.dataSource, model, false);
      const folded = foldStored(
        await this.store.readStream(streamId, readOptions(asOf)),
        emptyFold(streamId),
      );
      if (!folded.state.exists) throw notFound(model, asOf);
      return toModelView(folded.state, folded.streamVersion, folded.timeline);
    }
    return this.current(model);
  }

  async aliasHolder(model: string, alias: string, asOf?: AsOf) {
    const view = await this.getModel(model, asOf);
    const version = view.aliases[alias] ?? null;
    const source = view.versions.find((v) => v.version === version)?.source ?? null;
    return { model, alias, version, source };
  }

  /** One version with its aliases and stage; REGISTRY.VERSION_NOT_FOUND when absent or deleted. */
  async getVersion(model: string, version: number, asOf?: AsOf): Promise<ModelVersionDetail> {
    const view = await this.getModel(model, asOf);
    const found = view.versions.find((v) => v.version === version);
    if (!found) {
      throw new RegistryError(
        RegistryErrorCodes.VERSION_NOT_FOUND,
        `model ${model} has no version ${version}`,
        {
          model,
          version,
        },
      );
    }
    return toVersionDetail(view.name, found, view.aliases);
  }

  /** The newest version in each stage asked for (all four when none). */
  async latestVersions(model: string, stages: readonly MlflowStageName[]): Promise<ModelVersionDetail[]> {
    const view = await this.getModel(model);
    const details = view.versions.map((v) => toVersionDetail(view.name, v, view.aliases));
    return latestPerStage(details, stages);
  }

  /** Every event of the model (or about one alias) with who, why and when: the audit trail. */
  async history(model: string, alias?: string, asOf?: AsOf): Promise<HistoryEntry[]> {
    const streamId = await streamOfModel(this.dataSource, model, false);
    const stored = await this.store.readStream(streamId, asOf ? readOptions(asOf) : {});
    if (stored.length === 0) throw notFound(model, asOf);
    return stored.filter((e) => alias === undefined || aboutAlias(e, alias)).map(toHistoryEntry);
  }

  private async current(model: string): Promise<ModelView> {
    const [row] = await this.rows(
      modelRow,
      `SELECT name, description, tags, last_version, stream_version, created_at, updated_at
       FROM models WHERE name = $1`,
      model,
    );
    if (!row) throw notFound(model);
    const [versions, aliases, requests] = await Promise.all([
      this.rows(versionRow, 'SELECT * FROM model_versions WHERE model = $1 ORDER BY version', model),
      this.rows(aliasRow, 'SELECT model, alias, version FROM aliases WHERE model = $1', model),
      this.rows(requestRow, 'SELECT * FROM promotion_requests WHERE model = $1 ORDER BY id', model),
    ]);
    return {
      name: row.name,
      description: row.description,
      tags: row.tags,
      versions: versions.map(toVersionView),
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
      createdAt: isoOrNull(row.created_at),
      updatedAt: isoOrNull(row.updated_at),
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

/** REGISTRY.MODEL_NOT_FOUND for `model`, now or as of a moment. */
export function notFound(model: string, asOf?: AsOf): RegistryError {
  const when = asOf ? ` as of ${JSON.stringify(asOf)}` : '';
  return new RegistryError(RegistryErrorCodes.MODEL_NOT_FOUND, `model ${model} not found${when}`, { model });
}
