import { randomUUID } from 'node:crypto';
import {
  ApprovePromotion,
  ArchiveModelVersion,
  CreateModelVersion,
  GetAliasHolder,
  GetModel,
  GetModelHistory,
  PromoteModelVersion,
  RegisterModel,
  RejectPromotion,
  RemoveAlias,
  RequestPromotion,
  RollBackAlias,
} from '@slipway/contracts';
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { grants } from '../auth/scopes';
import type { GatewayRoute } from '../http/gateway-route';
import { asOfOf, asOfQuery, bodyOf, pathParams, rpcRoute } from './rpc-route';

const TAG = 'models';
const CALLER = ['model', 'actor', 'admin'];
const version = z.coerce.number().int().min(1);
const modelAndVersion = z.strictObject({ model: z.string().min(1), version });
const modelAndAlias = pathParams('model', 'alias');

/** The caller's fields of a registry command: the token as actor, admin when it holds that scope. */
const caller = (principal: Parameters<typeof actorOf>[0]) => ({
  actor: actorOf(principal),
  admin: grants(principal.scopes, 'admin'),
});

/** Registered models, versions, aliases, promotion requests, audit and time travel under `/api/v1/models`. */
export const registryRoutes: GatewayRoute[] = [
  rpcRoute({
    method: 'POST',
    url: '/v1/models',
    scope: 'write',
    tag: TAG,
    rpc: RegisterModel,
    status: 201,
    body: bodyOf(RegisterModel, ['actor']),
    request: ({ body, principal }) => ({ ...(body as object), actor: actorOf(principal) }) as never,
  }),
  rpcRoute({
    method: 'GET',
    url: '/v1/models/:model',
    scope: 'read',
    tag: TAG,
    rpc: GetModel,
    params: pathParams('model'),
    query: asOfQuery,
    request: ({ params, query }) => ({ model: params.model, asOf: asOfOf(query) }),
  }),
  rpcRoute({
    method: 'GET',
    url: '/v1/models/:model/history',
    scope: 'read',
    tag: TAG,
    rpc: GetModelHistory,
    params: pathParams('model'),
    query: z.intersection(asOfQuery, z.object({ alias: z.string().min(1).optional() })),
    request: ({ params, query }) => ({ model: params.model, alias: query.alias, asOf: asOfOf(query) }),
  }),
  rpcRoute({
    method: 'POST',
    url: '/v1/models/:model/versions',
    scope: 'write',
    tag: TAG,
    rpc: CreateModelVersion,
    status: 201,
    params: pathParams('model'),
    body: bodyOf(CreateModelVersion, CALLER),
    request: ({ params, body, principal }) =>
      ({ ...(body as object), model: params.model, actor: actorOf(principal) }) as never,
  }),
  rpcRoute({
    method: 'POST',
    url: '/v1/models/:model/versions/:version/archive',
    scope: 'write',
    tag: TAG,
    rpc: ArchiveModelVersion,
    params: modelAndVersion,
    body: bodyOf(ArchiveModelVersion, [...CALLER, 'version']),
    request: ({ params, body, principal }) =>
      ({ ...(body as object), ...params, actor: actorOf(principal) }) as never,
  }),
  rpcRoute({
    method: 'GET',
    url: '/v1/models/:model/aliases/:alias',
    scope: 'read',
    tag: TAG,
    rpc: GetAliasHolder,
    params: modelAndAlias,
    query: asOfQuery,
    request: ({ params, query }) => ({ ...params, asOf: asOfOf(query) }),
  }),
  rpcRoute({
    method: 'PUT',
    url: '/v1/models/:model/aliases/:alias',
    scope: 'write',
    tag: TAG,
    rpc: PromoteModelVersion,
    summary:
      'Point an alias at a version directly, where the alias policy allows it (or an admin overrides).',
    params: modelAndAlias,
    body: bodyOf(PromoteModelVersion, [...CALLER, 'alias']),
    request: ({ params, body, principal }) =>
      ({ ...(body as object), ...params, ...caller(principal) }) as never,
  }),
  rpcRoute({
    method: 'DELETE',
    url: '/v1/models/:model/aliases/:alias',
    scope: 'write',
    tag: TAG,
    rpc: RemoveAlias,
    params: modelAndAlias,
    query: z.strictObject({ reason: z.string().max(2000).optional() }),
    request: ({ params, query, principal }) => ({
      ...params,
      reason: query.reason,
      actor: actorOf(principal),
    }),
  }),
  rpcRoute({
    method: 'POST',
    url: '/v1/models/:model/aliases/:alias/rollback',
    scope: 'write',
    tag: TAG,
    rpc: RollBackAlias,
    params: modelAndAlias,
    body: bodyOf(RollBackAlias, [...CALLER, 'alias']),
    request: ({ params, body, principal }) =>
      ({ ...(body as object), ...params, actor: actorOf(principal) }) as never,
  }),
  rpcRoute({
    method: 'POST',
    url: '/v1/models/:model/promotions',
    scope: 'write',
    tag: TAG,
    rpc: RequestPromotion,
    status: 201,
    params: pathParams('model'),
    body: bodyOf(RequestPromotion, [...CALLER, 'requestId']).and(
      z.object({ requestId: z.string().min(1).max(64).optional() }),
    ),
    request: ({ params, body, principal }) =>
      ({
        requestId: randomUUID(),
        ...(body as object),
        model: params.model,
        actor: actorOf(principal),
      }) as never,
  }),
  rpcRoute({
    method: 'POST',
    url: '/v1/models/:model/promotions/:requestId/approve',
    scope: 'write',
    tag: TAG,
    rpc: ApprovePromotion,
    params: pathParams('model', 'requestId'),
    body: bodyOf(ApprovePromotion, [...CALLER, 'requestId']),
    request: ({ params, body, principal }) =>
      ({ ...(body as object), ...params, ...caller(principal) }) as never,
  }),
  rpcRoute({
    method: 'POST',
    url: '/v1/models/:model/promotions/:requestId/reject',
    scope: 'write',
    tag: TAG,
    rpc: RejectPromotion,
    params: pathParams('model', 'requestId'),
    body: bodyOf(RejectPromotion, [...CALLER, 'requestId']),
    request: ({ params, body, principal }) =>
      ({ ...(body as object), ...params, actor: actorOf(principal) }) as never,
  }),
];
