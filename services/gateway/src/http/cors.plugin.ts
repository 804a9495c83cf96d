import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/**
 * Request headers a browser page may send: the token, JSON bodies, trace context, artifact
 * uploads, and the position a reconnecting EventSource resumes from.
 */
const ALLOWED_HEADERS = [
  'authorization',
  'last-event-id',
  'content-type',
  'traceparent',
  'tracestate',
  'x-artifact-content-type',
];
/** Response headers a page may read: the SDK's retry hint and artifact downloads' size and hash. */
const EXPOSED_HEADERS = ['retry-after', 'etag', 'content-length', 'content-disposition'];

/**
 * CORS for browser pages on other origins (`GATEWAY_CORS_ORIGINS`): preflights are answered before
 * authentication (a browser sends them without the token), and the listed origins, or any for
 * `*`, may read answers. Tokens travel in `Authorization`, never in cookies, so credentials stay
 * off. Without origins nothing is registered: browsers then call only from the gateway's origin.
 */
export async function registerCors(
  fastify: FastifyInstance,
  origins: readonly string[] | undefined,
): Promise<void> {
  if (!origins || origins.length === 0) return;
  await fastify.register(cors, {
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  });
}
