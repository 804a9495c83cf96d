import {
  DeleteModel,
  DeleteModelTag,
  GetAliasHolder,
  GetLatestVersions,
  GetModel,
  modelNameSchema,
  PromoteModelVersion,
  RegisterModel,
  RemoveAlias,
  RenameModel,
  SearchModels,
  SetModelDescription,
  SetModelTags,
  SlipwayError,
  trackingKeySchema,
  ValidationError,
} from '@slipway/contracts';
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { grants } from '../auth/scopes';
import type { GatewayRoute } from '../http/gateway-route';
import { keyValue, maxResults, repeated, required, stage, versionNumber } from './mlflow-inputs';
import { emptyJson, modelVersionJson, registeredModelJson } from './mlflow-json';
import { modelVersionOf, registeredModelOf } from './mlflow-registry.calls';
import { parseRegistryFilter, unsupportedClause } from './mlflow-registry-filter';
import { mlflowRoute } from './mlflow-route';
import { modelVersionJsonOf, registeredModelJsonOf } from './mlflow-views';

const name = required('name', modelNameSchema);
const alias = required('alias', z.string().min(1).max(255));
const modelReply = z.object({ registered_model: registeredModelJson });
const ORDER_FIELDS = {
  name: 'name',
  last_updated_timestamp: 'updatedAt',
  creation_timestamp: 'createdAt',
} as const;

/** The search RPC's fields of MLflow's `filter` and `order_by`. */
function searchOf(filter: string | undefined, orderBy: string[] | undefined) {
  const tags: Record<string, string> = {};
  const out: { name?: string; nameLike?: string; ignoreCase?: boolean; tags: Record<string, string> } = {
    tags,
  };
  for (const c of parseRegistryFilter(filter)) {
    const value = c.value as string;
    if (c.field === 'name' && c.op === '=') out.name = value;
    else if (c.field === 'name' && (c.op === 'LIKE' || c.op === 'ILIKE'))
      Object.assign(out, { nameLike: value, ignoreCase: c.op === 'ILIKE' });
    else if (c.field.startsWith('tags.') && c.op === '=') tags[c.field.slice(5)] = value;
    else throw unsupportedClause(c);
  }
  if ((orderBy ?? []).length > 1) throw orderError('one order_by column is supported');
  const [column, direction = 'ASC'] = (orderBy?.[0] ?? 'name').trim().split(/\s+/);
  const field = ORDER_FIELDS[column as keyof typeof ORDER_FIELDS];
  if (!field || !/^(ASC|DESC)$/i.test(direction)) throw orderError(`cannot order by '${orderBy?.[0]}'`);
  return { ...out, orderBy: field, descending: direction.toUpperCase() === 'DESC' };
}

const orderError = (message: string) => new ValidationError('order_by', [{ path: 'order_by', message }]);

/** MLflow's registered-model endpoints (`model_registry.proto`), aliases included. */
export const mlflowRegisteredModelRoutes: GatewayRoute[] = [
  mlflowRoute({
    method: 'POST',
    path: '/registered-models/create',
    scope: 'write',
    summary: 'MLflow CreateRegisteredModel.',
    input: z.object({ name, tags: z.array(keyValue).optional(), description: z.string().optional() }),
    response: modelReply,
    handle: async (b, { rpc, principal }) => {
      const reply = await rpc.request(RegisterModel, {
        model: b.name,
        description: b.description ?? null,
        tags: b.tags,
        actor: actorOf(principal),
      });
      return { registered_model: await registeredModelOf(rpc, reply.model) };
    },
  }),
  mlflowRoute({
    method: 'GET',
    path: '/registered-models/get',
    scope: 'read',
    summary: 'MLflow GetRegisteredModel.',
    input: z.object({ name }),
    response: modelReply,
    handle: async (q, { rpc }) => ({
      registered_model: await registeredModelOf(rpc, await rpc.request(GetModel, { model: q.name })),
    }),
  }),
  mlflowRoute({
    method: 'POST',
    path: '/registered-models/rename',
    scope: 'write',
    summary: 'MLflow RenameRegisteredModel.',
    input: z.object({ name, new_name: required('new_name', modelNameSchema) }),
    response: modelReply,
    handle: async (b, { rpc, principal }) => {
      const reply = await rpc.request(RenameModel, {
        model: b.name,
        newName: b.new_name,
        actor: actorOf(principal),
      });
      return { registered_model: await registeredModelOf(rpc, reply.model) };
    },
  }),
  mlflowRoute({
    method: 'PATCH',
    path: '/registered-models/update',
    scope: 'write',
    summary: 'MLflow UpdateRegisteredModel (description).',
    input: z.object({ name, description: z.string().optional() }),
    response: modelReply,
    handle: async (b, { rpc, principal }) => {
      const reply = await rpc.request(SetModelDescription, {
        model: b.name,
        description: b.description ?? null,
        actor: actorOf(principal),
      });
      return { registered_model: await registeredModelOf(rpc, reply.model) };
    },
  }),
  mlflowRoute({
    method: 'DELETE',
    path: '/registered-models/delete',
    scope: 'write',
    summary: 'MLflow DeleteRegisteredModel.',
    input: z.object({ name }),
    response: emptyJson,
    handle: async (b, { rpc, principal }) => {
      await rpc.request(DeleteModel, { model: b.name, reason: 'MLflow delete', actor: actorOf(principal) });
      return {};
    },
  }),
  mlflowRoute({
    method: 'GET',
    path: '/registered-models/search',
    scope: 'read',
    summary: 'MLflow SearchRegisteredModels (filter on name and tags.<key> joined by AND).',
    input: z.object({
      filter: z.string().optional(),
      max_results: maxResults(1000).optional(),
      order_by: repeated(z.string()).optional(),
      page_token: z.string().min(1).optional(),
    }),
    response: z.object({
      registered_models: z.array(registeredModelJson),
      next_page_token: z.string().optional(),
    }),
    handle: async (q, { rpc }) => {
      const found = await rpc.request(SearchModels, {
        ...searchOf(q.filter, q.order_by),
        maxResults: q.max_results,
        pageToken: q.page_token,
      });
      return {
        registered_models: found.models.map(registeredModelJsonOf),
        ...(found.nextPageToken ? { next_page_token: found.nextPageToken } : {}),
      };
    },
  }),
  ...(['POST', 'GET'] as const).map((method) =>
    mlflowRoute({
      method,
      path: '/registered-models/get-latest-versions',
      scope: 'read',
      summary: 'MLflow GetLatestVersions: the newest version in each stage asked (all stages when none).',
      input: z.object({ name, stages: repeated(stage).optional() }),
      response: z.object({ model_versions: z.array(modelVersionJson) }),
      handle: async (b, { rpc }) => {
        const found = await rpc.request(GetLatestVersions, { model: b.name, stages: b.stages });
        return { model_versions: found.versions.map(modelVersionJsonOf) };
      },
    }),
  ),
  mlflowRoute({
    method: 'POST',
    path: '/registered-models/set-tag',
    scope: 'write',
    summary: 'MLflow SetRegisteredModelTag.',
    input: z.object({ name, key: required('key', trackingKeySchema), value: required('value', z.string()) }),
    response: emptyJson,
    handle: async (b, { rpc, principal }) => {
      const tags = [{ key: b.key, value: b.value }];
      await rpc.request(SetModelTags, { model: b.name, tags, actor: actorOf(principal) });
      return {};
    },
  }),
  mlflowRoute({
    method: 'DELETE',
    path: '/registered-models/delete-tag',
    scope: 'write',
    summary: 'MLflow DeleteRegisteredModelTag.',
    input: z.object({ name, key: required('key', trackingKeySchema) }),
    response: emptyJson,
    handle: async (b, { rpc, principal }) => {
      await rpc.request(DeleteModelTag, { model: b.name, key: b.key, actor: actorOf(principal) });
      return {};
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/registered-models/alias',
    scope: 'write',
    summary:
      "MLflow SetRegisteredModelAlias: a direct promotion, so the alias's policy applies (approval, gates).",
    input: z.object({ name, alias, version: required('version', versionNumber) }),
    response: emptyJson,
    handle: async (b, { rpc, principal }) => {
      try {
        await rpc.request(PromoteModelVersion, {
          model: b.name,
          version: b.version,
          alias: b.alias,
          reason: 'MLflow set alias',
          actor: actorOf(principal),
          admin: grants(principal.scopes, 'admin'),
        });
      } catch (err) {
        // MLflow's set-alias is idempotent: pointing an alias at its holder again is no error.
        if (!(err instanceof SlipwayError && err.code === 'REGISTRY.ALREADY_HOLDS_ALIAS')) throw err;
      }
      return {};
    },
  }),
  mlflowRoute({
    method: 'DELETE',
    path: '/registered-models/alias',
    scope: 'write',
    summary: 'MLflow DeleteRegisteredModelAlias.',
    input: z.object({ name, alias }),
    response: emptyJson,
    handle: async (b, { rpc, principal }) => {
      await rpc.request(RemoveAlias, {
        model: b.name,
        alias: b.alias,
        reason: 'MLflow delete alias',
        actor: actorOf(principal),
      });
      return {};
    },
  }),
  mlflowRoute({
    method: 'GET',
    path: '/registered-models/alias',
    scope: 'read',
    summary: 'MLflow GetModelVersionByAlias.',
    input: z.object({ name, alias }),
    response: z.object({ model_version: modelVersionJson }),
    handle: async (q, { rpc }) => {
      const holder = await rpc.request(GetAliasHolder, { model: q.name, alias: q.alias });
      if (holder.version === null)
        throw new SlipwayError('REGISTRY.ALIAS_NOT_FOUND', `model ${q.name} has no alias ${q.alias}`, {
          model: q.name,
          alias: q.alias,
        });
      return { model_version: await modelVersionOf(rpc, q.name, holder.version) };
    },
  }),
];
