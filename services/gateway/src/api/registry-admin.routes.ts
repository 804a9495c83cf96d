import {
  DeleteModel,
  DeleteModelTag,
  DeleteModelVersion,
  DeleteModelVersionTag,
  GetModelVersion,
  RenameModel,
  SearchModels,
  SearchModelVersions,
  SetModelDescription,
  SetModelTags,
  SetModelVersionDescription,
  SetModelVersionTags,
} from '@slipway/contracts';
import { z } from 'zod';
import { actorOf, type Principal } from '../auth/principal';
import type { GatewayRoute } from '../http/gateway-route';
import { asOfOf, asOfQuery, pathParams, rpcRoute } from './rpc-route';

const TAG = 'models';
const modelParams = pathParams('model');
const versionParams = z.strictObject({ model: z.string().min(1), version: z.coerce.number().int().min(1) });
const versionTagParams = versionParams.extend({ key: z.string().min(1) });
const tagBody = z.strictObject({ value: z.string().max(5000) });
const reasonQuery = z.strictObject({ reason: z.string().max(2000).optional() });

/** A delete's RPC request: the path's ids, the `?reason=` and the caller as actor. */
function deletion<P extends object>({
  params,
  query,
  principal,
}: {
  params: P;
  query: z.infer<typeof reasonQuery>;
  principal: Principal;
}) {
  return { ...params, reason: query.reason, actor: actorOf(principal) };
}
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Listing, search, description, tags, rename and deletion of models and versions under `/api/v1/models`. */
export const registryAdminRoutes: GatewayRoute[] = [
  rpcRoute({
    method: 'GET',
    url: '/v1/models',
    scope: 'read',
    tag: TAG,
    rpc: SearchModels,
    query: z.strictObject({
      nameLike: z.string().min(1).max(256).optional(),
      ignoreCase: bool.optional(),
      maxResults: z.coerce.number().int().min(1).max(1000).optional(),
      orderBy: z.enum(['name', 'createdAt', 'updatedAt']).optional(),
      descending: bool.optional(),
      pageToken: z.string().min(1).optional(),
    }),
    request: ({ query }) => query,
  }),
  rpcRoute({
    method: 'PATCH',
    url: '/v1/models/:model',
    scope: 'write',
    tag: TAG,
    rpc: SetModelDescription,
    summary: "Set a model's description (rename with POST /v1/models/:model/rename).",
    params: modelParams,
    body: z.strictObject({ description: z.string().max(5000).nullable() }),
    request: ({ params, body, principal }) => ({ ...params, ...body, actor: actorOf(principal) }),
  }),
  rpcRoute({
    method: 'POST',
    url: '/v1/models/:model/rename',
    scope: 'write',
    tag: TAG,
    rpc: RenameModel,
    params: modelParams,
    body: z.strictObject({ newName: z.string().min(1).max(256) }),
    request: ({ params, body, principal }) => ({
      ...params,
      newName: body.newName,
      actor: actorOf(principal),
    }),
  }),
  rpcRoute({
    method: 'DELETE',
    url: '/v1/models/:model',
    scope: 'write',
    tag: TAG,
    rpc: DeleteModel,
    params: modelParams,
    query: reasonQuery,
    request: deletion,
  }),
  rpcRoute({
    method: 'PUT',
    url: '/v1/models/:model/tags/:key',
    scope: 'write',
    tag: TAG,
    rpc: SetModelTags,
    params: pathParams('model', 'key'),
    body: tagBody,
    request: ({ params, body, principal }) => ({
      model: params.model,
      tags: [{ key: params.key, value: body.value }],
      actor: actorOf(principal),
    }),
  }),
  rpcRoute({
    method: 'DELETE',
    url: '/v1/models/:model/tags/:key',
    scope: 'write',
    tag: TAG,
    rpc: DeleteModelTag,
    params: pathParams('model', 'key'),
    request: ({ params, principal }) => ({ ...params, actor: actorOf(principal) }),
  }),
  rpcRoute({
    method: 'GET',
    url: '/v1/model-versions',
    scope: 'read',
    tag: TAG,
    rpc: SearchModelVersions,
    query: z.strictObject({
      model: z.string().min(1).optional(),
      runId: z.union([z.string(), z.array(z.string())]).optional(),
      maxResults: z.coerce.number().int().min(1).max(1000).optional(),
      pageToken: z.string().min(1).optional(),
    }),
    request: ({ query }) => ({
      model: query.model,
      runIds: query.runId === undefined ? undefined : [query.runId].flat(),
      maxResults: query.maxResults,
      pageToken: query.pageToken,
    }),
  }),
  rpcRoute({
    method: 'GET',
    url: '/v1/models/:model/versions/:version',
    scope: 'read',
    tag: TAG,
    rpc: GetModelVersion,
    params: versionParams,
    query: asOfQuery,
    request: ({ params, query }) => ({ ...params, asOf: asOfOf(query) }),
  }),
  rpcRoute({
    method: 'PATCH',
    url: '/v1/models/:model/versions/:version',
    scope: 'write',
    tag: TAG,
    rpc: SetModelVersionDescription,
    params: versionParams,
    body: z.strictObject({ description: z.string().max(5000).nullable() }),
    request: ({ params, body, principal }) => ({ ...params, ...body, actor: actorOf(principal) }),
  }),
  rpcRoute({
    method: 'DELETE',
    url: '/v1/models/:model/versions/:version',
    scope: 'write',
    tag: TAG,
    rpc: DeleteModelVersion,
    params: versionParams,
    query: reasonQuery,
    request: deletion,
  }),
  rpcRoute({
    method: 'PUT',
    url: '/v1/models/:model/versions/:version/tags/:key',
    scope: 'write',
    tag: TAG,
    rpc: SetModelVersionTags,
    params: versionTagParams,
    body: tagBody,
    request: ({ params, body, principal }) => ({
      model: params.model,
      version: params.version,
      tags: [{ key: params.key, value: body.value }],
      actor: actorOf(principal),
    }),
  }),
  rpcRoute({
    method: 'DELETE',
    url: '/v1/models/:model/versions/:version/tags/:key',
    scope: 'write',
    tag: TAG,
    rpc: DeleteModelVersionTag,
    params: versionTagParams,
    request: ({ params, principal }) => ({ ...params, actor: actorOf(principal) }),
  }),
];
