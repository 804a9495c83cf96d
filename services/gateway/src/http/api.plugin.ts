import rateLimit from '@fastify/rate-limit';
import { context } from '@opentelemetry/api';
import { parseOrThrow } from '@slipway/contracts';
import type { RpcClient } from '@slipway/messaging';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { bearerTokenOf, tokenSecretKey } from '../auth/api-token';
import type { Principal } from '../auth/principal';
import { grants } from '../auth/scopes';
import { ForbiddenError, UnauthenticatedError } from '../auth/token.errors';
import type { TokensService } from '../auth/tokens.service';
import type { AuditLogWriter } from '../audit/audit-log.writer';
import type { GatewayRoute } from './gateway-route';
import { GatewayError, mlflowErrorReply, restErrorReply } from './http-error';
import { endRequestSpan, startRequestSpan } from './request-span';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** sha256 of the bearer secret (base64), computed once for the rate limiter and the token check. */
    bearerKey?: string;
  }
  interface FastifyContextConfig {
    gatewayRoute?: GatewayRoute;
  }
}

/** What the API plugin needs. */
export interface ApiPluginOptions {
  routes: readonly GatewayRoute[];
  tokens: TokensService;
  audit: AuditLogWriter;
  rpc: RpcClient;
  logger: Logger;
  /** Requests per token (or per address without one) per `rateLimitWindowMs`. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Registers the gateway's routes under `/api` in one encapsulated fastify context: rate limit
 * per token, authentication and scope check before the body is read, zod validation, one error
 * shape per API flavour, a server span per request, and the audit log of write calls.
 */
export async function registerApi(fastify: FastifyInstance, options: ApiPluginOptions): Promise<void> {
  await fastify.register(
    async (api) => {
      api.addHook('onRequest', (request, _reply, done) => {
        startRequestSpan(request);
        done();
      });
      await api.register(rateLimit, {
        max: options.rateLimitMax,
        timeWindow: options.rateLimitWindowMs,
        keyGenerator: rateLimitKey,
        errorResponseBuilder: (_req, ctx) =>
          new GatewayError(
            'GATEWAY.RATE_LIMITED',
            `rate limit of ${ctx.max} requests per ${ctx.after} exceeded`,
            {
              retryAfterMs: ctx.ttl,
            },
          ),
      });
      // JSON has no NaN or ±Infinity: metric values carry them as strings, as on the wire between services.
      api.setReplySerializer((payload) => JSON.stringify(payload, keepNonFinite));
      api.setErrorHandler((err, request, reply) => sendError(reply, request, err, options.logger));
      api.setNotFoundHandler((request, reply) =>
        sendError(
          reply,
          request,
          new GatewayError(
            'GATEWAY.ROUTE_NOT_FOUND',
            `no route ${request.method} ${request.url.split('?')[0]}`,
          ),
          options.logger,
        ),
      );

      api.addHook('onResponse', async (request, reply) => {
        endRequestSpan(request, reply);
        if (READ_METHODS.has(request.method) || !request.routeOptions.config.gatewayRoute) return;
        options.audit.record({
          at: new Date(),
          tokenId: request.principal?.tokenId ?? null,
          actor: request.principal?.name ?? null,
          method: request.method,
          route: request.routeOptions.url ?? '',
          url: loggableUrl(request.url).slice(0, 2000),
          status: reply.statusCode,
          durationMs: reply.elapsedTime,
          requestId: String(request.id),
        });
      });

      for (const r of options.routes.filter((r) => !r.streamBody)) addRoute(api, r, options);
      // Uploads: the handler reads the body as a stream, whatever its content type (MLflow's
      // artifact client sends guessed types such as application/json); nothing is buffered here.
      await api.register(async (uploads) => {
        uploads.removeAllContentTypeParsers();
        uploads.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
        for (const r of options.routes.filter((r) => r.streamBody)) addRoute(uploads, r, options);
      });
    },
    { prefix: '/api' },
  );
}

/** `JSON.stringify` replacer: NaN, Infinity and -Infinity as `'NaN'`, `'Infinity'`, `'-Infinity'`. */
export function keepNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

function addRoute(api: FastifyInstance, r: GatewayRoute, options: ApiPluginOptions): void {
  api.route({
    method: r.method,
    url: r.url,
    config: { gatewayRoute: r },
    // A streamed upload is bounded by its handler (ARTIFACTS_MAX_BYTES), not the JSON body limit.
    ...(r.streamBody ? { bodyLimit: Number.MAX_SAFE_INTEGER } : {}),
    onRequest: async (request) => {
      if (r.scope === 'public') return;
      request.principal = await authenticate(request, options.tokens);
      if (!grants(request.principal.scopes, r.scope))
        throw new ForbiddenError(r.scope, `${r.method} /api${r.url}`);
    },
    handler: async (request, reply) => {
      const result = await context.with(request.traceContext ?? context.active(), () =>
        r.handle({
          params: r.params ? parseOrThrow(r.params, request.params, 'path') : (request.params as never),
          query: r.query ? parseOrThrow(r.query, request.query ?? {}, 'query') : (request.query as never),
          body:
            r.body && !r.streamBody
              ? parseOrThrow(r.body, request.body ?? {}, 'body')
              : (request.body as never),
          principal: request.principal as Principal,
          rpc: options.rpc,
          request,
          reply,
        }),
      );
      if (r.raw) return reply;
      return reply.code(r.status ?? 200).send(result ?? {});
    },
  });
}

async function authenticate(request: FastifyRequest, tokens: TokensService): Promise<Principal> {
  const secret = secretOf(request);
  if (!secret)
    throw new UnauthenticatedError(
      request.headers.authorization
        ? 'the Authorization header must be "Bearer <token>"'
        : `an API token is required: send "Authorization: Bearer <token>"${queryTokenAllowed(request) ? ' or ?access_token=<token>' : ''}`,
    );
  return tokens.verifyKey(bearerKeyOf(request, secret));
}

/** The token of a request: its `Authorization: Bearer` header, or `?access_token=` where the route allows it. */
function secretOf(request: FastifyRequest): string | undefined {
  if (request.headers.authorization !== undefined) return bearerTokenOf(request.headers.authorization);
  if (!queryTokenAllowed(request)) return undefined;
  const token = (request.query as Record<string, unknown> | undefined)?.['access_token'];
  return typeof token === 'string' && token !== '' ? token : undefined;
}

function queryTokenAllowed(request: FastifyRequest): boolean {
  return request.routeOptions.config.gatewayRoute?.queryToken === true;
}

function bearerKeyOf(request: FastifyRequest, secret: string): string {
  return (request.bearerKey ??= tokenSecretKey(secret));
}

function rateLimitKey(request: FastifyRequest): string {
  const secret = secretOf(request);
  return secret ? `t:${bearerKeyOf(request, secret)}` : `ip:${request.ip}`;
}

/** The URL as logged: a token given as `?access_token=` is not written anywhere. */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const parts = url
    .slice(at + 1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      // The name as fastify reads it: `access%5Ftoken` is `access_token` too.
      return decodedName(name).toLowerCase() === 'access_token' ? `${name}=[redacted]` : part;
    });
  return `${url.slice(0, at)}?${parts.join('&')}`;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

function sendError(reply: FastifyReply, request: FastifyRequest, err: unknown, logger: Logger): FastifyReply {
  const route = request.routeOptions.config.gatewayRoute;
  const mlflow = route?.errorFormat === 'mlflow' || request.url.startsWith('/api/2.0/');
  const { status, body } = mlflow ? mlflowErrorReply(err) : restErrorReply(err);
  if (status >= 500) logger.error({ err, url: loggableUrl(request.url), status }, 'request failed');
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(status).send(body);
}
