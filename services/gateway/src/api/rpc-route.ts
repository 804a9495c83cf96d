import type { RpcDefinition, RpcRequestInput } from '@slipway/contracts';
import { z } from 'zod';
import { route, type GatewayRoute, type HttpMethod, type RouteContext } from '../http/gateway-route';
import type { Scope } from '../auth/scopes';

/** A REST route that is one RPC: it builds the request from the HTTP inputs and returns the reply. */
export interface RpcRouteSpec<D extends RpcDefinition, P, Q, B> {
  method: HttpMethod;
  url: string;
  scope: Scope;
  tag: string;
  rpc: D;
  summary?: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  status?: number;
  /** The RPC request from the validated inputs (the RPC's own schema checks it again). */
  request: (ctx: RouteContext<P, Q, B>) => RpcRequestInput<D>;
  timeoutMs?: number;
}

export function rpcRoute<D extends RpcDefinition, P = Record<string, string>, Q = unknown, B = unknown>(
  spec: RpcRouteSpec<D, P, Q, B>,
): GatewayRoute {
  return route<P, Q, B>({
    method: spec.method,
    url: spec.url,
    scope: spec.scope,
    tag: spec.tag,
    summary: spec.summary ?? spec.rpc.description,
    params: spec.params,
    query: spec.query,
    body: spec.body,
    response: spec.rpc.response,
    status: spec.status,
    handle: (ctx) => ctx.rpc.request(spec.rpc, spec.request(ctx), { timeoutMs: spec.timeoutMs }),
  });
}

/**
 * The body schema of a route whose body is the RPC request minus the fields taken from the
 * path or the token (`model`, `actor`, …).
 */
export function bodyOf(def: RpcDefinition, omit: readonly string[]): z.ZodType {
  const schema = def.request as unknown;
  if (schema instanceof z.ZodObject) {
    const mask = Object.fromEntries(omit.filter((k) => k in schema.shape).map((k) => [k, true] as const));
    return schema.omit(mask as never);
  }
  return def.request;
}

/** Path params: every one a non-empty string. */
export const pathParams = <K extends string>(...names: K[]) =>
  z.strictObject(Object.fromEntries(names.map((n) => [n, z.string().min(1)])) as Record<K, z.ZodString>);

/** `?asOfPosition=` or `?asOfTime=` as the registry's `asOf` (time travel). */
export const asOfQuery = z
  .object({
    asOfPosition: z.coerce.number().int().min(0).optional(),
    asOfTime: z.iso.datetime({ offset: true }).optional(),
  })
  .refine(
    (q) => q.asOfPosition === undefined || q.asOfTime === undefined,
    'give asOfPosition or asOfTime, not both',
  );

export function asOfOf(q: z.infer<typeof asOfQuery>): { position?: number; time?: string } | undefined {
  if (q.asOfPosition !== undefined) return { position: q.asOfPosition };
  if (q.asOfTime !== undefined) return { time: q.asOfTime };
  return undefined;
}
