import type { RpcClient } from '@slipway/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import type { Scope } from '../auth/scopes';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route handler receives: inputs already validated against the route's schemas. */
export interface RouteContext<P = Record<string, string>, Q = unknown, B = unknown> {
  params: P;
  query: Q;
  body: B;
  /** The token's principal; absent only on public routes. */
  principal: Principal;
  rpc: RpcClient;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * One HTTP route of the gateway, declared as data: the same declaration registers the fastify
 * route, checks the token's scope, validates params/query/body with zod, and describes the route
 * in the OpenAPI document.
 */
export interface GatewayRoute<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  /** Path under the API prefix, with `:name` params (`/v1/runs/:runId`). */
  url: string;
  /** The scope a token needs; `public` needs none. */
  scope: Scope | 'public';
  /** OpenAPI tag (the resource). */
  tag: string;
  summary: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The success body, for the OpenAPI document. */
  response?: z.ZodType;
  /** Success status; default 200. */
  status?: number;
  /** `mlflow` answers errors as `{error_code, message}`; default `rest` (`{code, message, details}`). */
  errorFormat?: 'rest' | 'mlflow';
  /** The handler writes the reply itself (streams); its return value is ignored. */
  raw?: boolean;
  /**
   * The token may come as `?access_token=` when there is no `Authorization` header: for clients
   * that cannot set headers (a browser's EventSource). Only for reads that stream (live events).
   */
  queryToken?: boolean;
  /** Request body is a byte stream (`application/octet-stream`), not JSON. */
  streamBody?: boolean;
  handle(ctx: RouteContext<P, Q, B>): Promise<unknown>;
}

/** Types a route's handler from its schemas (the array of routes holds them untyped). */
export function route<P = Record<string, string>, Q = unknown, B = unknown>(
  r: GatewayRoute<P, Q, B>,
): GatewayRoute {
  return r as GatewayRoute;
}
