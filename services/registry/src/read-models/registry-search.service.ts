import { Inject, Injectable } from '@nestjs/common';
import {
  type ModelSummary,
  type ModelVersionDetail,
  parseOrThrow,
  type RpcRequest,
  type SearchModels,
  type SearchModelVersions,
} from '@slipway/contracts';
import { DATA_SOURCE } from '@slipway/runtime';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { decodePageToken, encodePageToken } from './page-token';
import { type AliasRow, aliasRow, isoOrNull, modelRow, toVersionView, versionRow } from './read-model.rows';
import { latestPerStage, toVersionDetail } from './version-detail';

/** ORDER BY clauses by the contract's enum: fixed text, never built from a caller's string. */
const MODEL_ORDER = {
  name: { asc: 'name ASC', desc: 'name DESC' },
  createdAt: { asc: 'created_at ASC NULLS FIRST, name ASC', desc: 'created_at DESC NULLS LAST, name ASC' },
  updatedAt: { asc: 'updated_at ASC NULLS FIRST, name ASC', desc: 'updated_at DESC NULLS LAST, name ASC' },
} as const;

/** Searches over the read models, a page at a time (offset tokens; one extra row says whether there is more). */
@Injectable()
export class RegistrySearchService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async searchModels(q: RpcRequest<typeof SearchModels>) {
    const offset = decodePageToken(q.pageToken);
    const order = MODEL_ORDER[q.orderBy][q.descending ? 'desc' : 'asc'];
    const rows = await this.parsed(
      modelRow,
      `SELECT name, description, tags, last_version, stream_version, created_at, updated_at FROM models
       WHERE ($1::text IS NULL OR name = $1)
         AND ($2::text IS NULL OR (CASE WHEN $3::boolean THEN name ILIKE $2 ELSE name LIKE $2 END))
         AND tags @> $4::jsonb
       ORDER BY ${order} LIMIT $5 OFFSET $6`,
      [q.name ?? null, q.nameLike ?? null, q.ignoreCase, JSON.stringify(q.tags), q.maxResults + 1, offset],
    );
    const page = rows.slice(0, q.maxResults);
    const names = page.map((m) => m.name);
    const [versions, aliases] = await Promise.all([
      this.parsed(versionRow, 'SELECT * FROM model_versions WHERE model = ANY($1) ORDER BY version', [names]),
      this.aliasesOf(names),
    ]);
    const models: ModelSummary[] = page.map((m) => {
      const held = aliases.get(m.name) ?? {};
      const details = versions
        .filter((v) => v.model === m.name)
        .map((v) => toVersionDetail(m.name, toVersionView(v), held));
      return {
        name: m.name,
        description: m.description,
        tags: m.tags,
        aliases: held,
        lastVersion: m.last_version,
        latestVersions: latestPerStage(details),
        createdAt: isoOrNull(m.created_at),
        updatedAt: isoOrNull(m.updated_at),
      };
    });
    return { models, nextPageToken: nextToken(rows.length, q.maxResults, offset) };
  }

  async searchVersions(q: RpcRequest<typeof SearchModelVersions>) {
    const offset = decodePageToken(q.pageToken);
    const rows = await this.parsed(
      versionRow,
      `SELECT * FROM model_versions
       WHERE ($1::text IS NULL OR model = $1) AND ($2::text IS NULL OR model LIKE $2)
         AND ($3::text[] IS NULL OR run_id = ANY($3)) AND tags @> $4::jsonb
       ORDER BY model ASC, version DESC LIMIT $5 OFFSET $6`,
      [
        q.model ?? null,
        q.modelLike ?? null,
        q.runIds ?? null,
        JSON.stringify(q.tags),
        q.maxResults + 1,
        offset,
      ],
    );
    const page = rows.slice(0, q.maxResults);
    const aliases = await this.aliasesOf([...new Set(page.map((v) => v.model))]);
    const versions: ModelVersionDetail[] = page.map((v) =>
      toVersionDetail(v.model, toVersionView(v), aliases.get(v.model) ?? {}),
    );
    return { versions, nextPageToken: nextToken(rows.length, q.maxResults, offset) };
  }

  private async aliasesOf(models: readonly string[]): Promise<Map<string, Record<string, number>>> {
    const rows: AliasRow[] = await this.parsed(
      aliasRow,
      'SELECT model, alias, version FROM aliases WHERE model = ANY($1)',
      [models],
    );
    const byModel = new Map<string, Record<string, number>>();
    for (const r of rows) byModel.set(r.model, { ...byModel.get(r.model), [r.alias]: r.version });
    return byModel;
  }

  private async parsed<S extends z.ZodType>(
    schema: S,
    sql: string,
    params: unknown[],
  ): Promise<z.infer<S>[]> {
    return parseOrThrow(z.array(schema), await this.dataSource.query(sql, params), 'read-model row');
  }
}

function nextToken(fetched: number, pageSize: number, offset: number): string | null {
  return fetched > pageSize ? encodePageToken(offset + pageSize) : null;
}
