import { SlipwayError } from '@slipway/contracts';
import type { z } from 'zod';
import type { Scope } from '../auth/scopes';
import { route, type GatewayRoute, type RouteContext } from '../http/gateway-route';
import { mlflowMessageOf } from './mlflow-messages';

/** The prefix of MLflow's REST API under the gateway's `/api`. */
export const MLFLOW_PREFIX = '/2.0/mlflow';

/** One MLflow endpoint: its input comes from the query string (GET) or the JSON body (others). */
export interface MlflowRouteSpec<I> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under `/api/2.0/mlflow` as MLflow's protos write it (`/runs/create`). */
  path: string;
  scope: Scope;
  summary: string;
  input: z.ZodType<I>;
  /** The success body, for the OpenAPI document. */
  response: z.ZodType;
  handle(input: I, ctx: RouteContext<unknown, unknown, unknown>): Promise<unknown>;
}

/**
 * A route of the MLflow-compatible API: MLflow's errors (`{error_code, message}`), its message
 * wording for the common refusals, and inputs read where MLflow clients send them.
 */
export function mlflowRoute<I>(spec: MlflowRouteSpec<I>): GatewayRoute {
  const fromQuery = spec.method === 'GET';
  return route<unknown, unknown, unknown>({
    method: spec.method,
    url: `${MLFLOW_PREFIX}${spec.path}`,
    scope: spec.scope,
    tag: 'mlflow',
    summary: spec.summary,
    errorFormat: 'mlflow',
    ...(fromQuery ? { query: spec.input } : { body: spec.input }),
    response: spec.response,
    handle: async (ctx) => {
      try {
        return await spec.handle((fromQuery ? ctx.query : ctx.body) as I, ctx);
      } catch (err) {
        throw inMlflowWords(err);
      }
    },
  });
}

/** A Slipway error with MLflow's wording for it, when MLflow has one (other errors pass unchanged). */
export function inMlflowWords(err: unknown): unknown {
  if (!(err instanceof SlipwayError)) return err;
  const message = mlflowMessageOf(err);
  return message === undefined ? err : new SlipwayError(err.code, message, err.details, { cause: err });
}
