import { Readable } from 'node:stream';
import type { ArtifactStore } from '@slipway/artifacts';
import { GetRun, ListArtifacts } from '@slipway/contracts';
import { z } from 'zod';
import { route, type GatewayRoute } from '../http/gateway-route';
import { GatewayError } from '../http/http-error';
import { pathParams, rpcRoute } from './rpc-route';

const TAG = 'artifacts';
const fileParams = z.strictObject({
  runId: z.string().min(1),
  '*': z.string().min(1, 'an artifact path is required'),
});

const storedSchema = z.object({
  uri: z.string(),
  runId: z.string(),
  path: z.string(),
  size: z.number(),
  sha256: z.string(),
});

/** Run artifacts: streamed upload and download through the NATS object store, and listings. */
export function artifactRoutes(store: ArtifactStore, maxBytes: number): GatewayRoute[] {
  return [
    rpcRoute({
      method: 'GET',
      url: '/v1/runs/:runId/artifacts',
      scope: 'read',
      tag: TAG,
      rpc: ListArtifacts,
      params: pathParams('runId'),
      query: z.strictObject({
        path: z.string().max(1024).optional(),
        recursive: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional(),
      }),
      request: ({ params, query }) => ({ runId: params.runId, path: query.path, recursive: query.recursive }),
    }),
    route({
      method: 'PUT',
      url: '/v1/runs/:runId/artifacts/*',
      scope: 'write',
      tag: TAG,
      summary: `Upload one artifact file of a run (body: the bytes, application/octet-stream), streamed; sha256 recorded.`,
      params: fileParams,
      body: z.unknown(),
      streamBody: true,
      response: storedSchema,
      status: 201,
      handle: async ({ params, body, rpc, request }) => {
        if (!(body instanceof Readable))
          throw new GatewayError(
            'GATEWAY.UNSUPPORTED_MEDIA_TYPE',
            'send the file as Content-Type: application/octet-stream',
          );
        await rpc.request(GetRun, { runId: params.runId });
        const contentType = request.headers['x-artifact-content-type'];
        return store.put(params.runId, params['*'], body, {
          maxBytes,
          ...(typeof contentType === 'string' ? { contentType } : {}),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/v1/runs/:runId/artifacts/*',
      scope: 'read',
      tag: TAG,
      summary: 'Download one artifact file of a run, streamed (ETag is its sha256).',
      params: fileParams,
      raw: true,
      handle: async ({ params, reply }) => {
        const { info, stream } = await store.get(params.runId, params['*']);
        // Served as a download, never rendered: an uploaded HTML file must not run in the API's origin.
        return reply
          .header('content-type', 'application/octet-stream')
          .header('x-content-type-options', 'nosniff')
          .header(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent(info.path.split('/').pop() ?? 'artifact')}`,
          )
          .header('x-artifact-content-type', info.contentType ?? 'application/octet-stream')
          .header('content-length', String(info.size))
          .header('etag', `"${info.sha256}"`)
          .send(Readable.fromWeb(stream as never));
      },
    }),
  ];
}
