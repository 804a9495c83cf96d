import type { HttpClient } from '../http/http-client';
import { newBatchId } from '../ids';
import {
  aliasHolderSchema,
  commandReplySchema,
  modelHistorySchema,
  modelPageSchema,
  modelSchema,
  type AliasHolder,
  type CommandReply,
  type Model,
  type ModelHistory,
  type ModelPage,
  type PromotionRequest,
} from '../schemas/registry.schemas';
import { seg } from './path';

/** "As of" a global registry position or a time (ISO 8601); none means now. */
export type AsOf = { position: number } | { time: string };

/** A new model version: where its files are and what it measured. */
export interface NewModelVersion {
  /** e.g. `runs:/<runId>/model`. */
  source: string;
  /** The MLflow flavor serving loads it with: `sklearn`, `onnx`, … */
  flavor: string;
  runId?: string;
  metrics?: Record<string, number>;
  tags?: Record<string, string>;
}

/** A promotion request made: its id, the model after it, and the request when it is still open. */
export interface PromotionRequested extends CommandReply {
  requestId: string;
  /** The open request with its gate results; absent when the alias moved at once (no approval needed). */
  request: PromotionRequest | undefined;
}

const asOfQuery = (asOf?: AsOf) =>
  asOf === undefined ? {} : 'position' in asOf ? { asOfPosition: asOf.position } : { asOfTime: asOf.time };

const tagList = (tags: Record<string, string> = {}) =>
  Object.entries(tags).map(([key, value]) => ({ key, value }));

/** The model registry: models, versions, aliases, promotion requests and their audit trail. */
export class ModelsApi {
  constructor(private readonly http: HttpClient) {}

  /** Models, a page at a time, optionally by a LIKE pattern on the name (`%churn%`). */
  list(options: { nameLike?: string; maxResults?: number; pageToken?: string } = {}): Promise<ModelPage> {
    return this.http.json(
      { method: 'GET', path: '/models', query: options, idempotent: true },
      modelPageSchema,
    );
  }

  /** A model with its versions, aliases and open requests; a missing one is 404. */
  get(name: string, asOf?: AsOf): Promise<Model> {
    return this.http.json(
      { method: 'GET', path: `/models/${seg(name)}`, query: asOfQuery(asOf), idempotent: true },
      modelSchema,
    );
  }

  /** Registers a model name. */
  register(
    name: string,
    options: { description?: string; tags?: Record<string, string> } = {},
  ): Promise<CommandReply> {
    const body = { model: name, description: options.description ?? null, tags: tagList(options.tags) };
    return this.http.json({ method: 'POST', path: '/models', body, idempotent: false }, commandReplySchema);
  }

  /** Creates the next version of a model. */
  createVersion(name: string, version: NewModelVersion): Promise<CommandReply> {
    const body = { ...version, tags: tagList(version.tags) };
    return this.http.json(
      { method: 'POST', path: `/models/${seg(name)}/versions`, body, idempotent: false },
      commandReplySchema,
    );
  }

  /** Asks to point `alias` at `version`; the alias policy's gates are evaluated and kept with the request. */
  async requestPromotion(
    name: string,
    request: { version: number; alias: string; reason?: string; baselineRunId?: string },
  ): Promise<PromotionRequested> {
    // A client-chosen id makes a retried request recognisable, so it is safe to retry.
    const requestId = newBatchId();
    const reply = await this.http.json(
      {
        method: 'POST',
        path: `/models/${seg(name)}/promotions`,
        body: { ...request, requestId },
        idempotent: true,
      },
      commandReplySchema,
    );
    return { ...reply, requestId, request: reply.model.openRequests.find((r) => r.id === requestId) };
  }

  /** Approves an open request; failed gates need an admin token and `overrideReason`. */
  approve(
    name: string,
    requestId: string,
    options: { comment?: string; overrideReason?: string } = {},
  ): Promise<CommandReply> {
    return this.http.json(
      {
        method: 'POST',
        path: `/models/${seg(name)}/promotions/${seg(requestId)}/approve`,
        body: options,
        idempotent: false,
      },
      commandReplySchema,
    );
  }

  /** Rejects an open request with a reason. */
  reject(name: string, requestId: string, reason: string): Promise<CommandReply> {
    return this.http.json(
      {
        method: 'POST',
        path: `/models/${seg(name)}/promotions/${seg(requestId)}/reject`,
        body: { reason },
        idempotent: false,
      },
      commandReplySchema,
    );
  }

  /** Points an alias at a version directly, where the alias policy allows it. */
  setAlias(
    name: string,
    alias: string,
    version: number,
    options: { reason?: string; overrideReason?: string } = {},
  ): Promise<CommandReply> {
    return this.http.json(
      {
        method: 'PUT',
        path: `/models/${seg(name)}/aliases/${seg(alias)}`,
        body: { version, ...options },
        idempotent: true,
      },
      commandReplySchema,
    );
  }

  /** Which version holds an alias, now or as of a position or time. */
  getAlias(name: string, alias: string, asOf?: AsOf): Promise<AliasHolder> {
    return this.http.json(
      {
        method: 'GET',
        path: `/models/${seg(name)}/aliases/${seg(alias)}`,
        query: asOfQuery(asOf),
        idempotent: true,
      },
      aliasHolderSchema,
    );
  }

  /** A model's audit trail (optionally only one alias's events). */
  history(name: string, options: { alias?: string; asOf?: AsOf } = {}): Promise<ModelHistory> {
    return this.http.json(
      {
        method: 'GET',
        path: `/models/${seg(name)}/history`,
        query: { alias: options.alias, ...asOfQuery(options.asOf) },
        idempotent: true,
      },
      modelHistorySchema,
    );
  }
}
