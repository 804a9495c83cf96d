import { Readable } from 'node:stream';
import { ArtifactsErrorCodes, type ArtifactSource, type ArtifactStore } from '@slipway/artifacts';
import { CommonErrorCodes, ListArtifacts, SlipwayError } from '@slipway/contracts';
import { z } from 'zod';
import { route, type GatewayRoute } from '../http/gateway-route';
import { runOfProxyRef } from './mlflow-artifact-runs';
import { parseProxyPath, type ProxyRef } from './mlflow-artifact-uri';
import { emptyJson, fileInfoJson } from './mlflow-json';
import { inMlflowWords } from './mlflow-route';
import { fileInfoJsonOf } from './mlflow-views';

/** The prefix of MLflow's artifact proxy (`mlflow/server/handlers.py`, `_add_static_prefix('/api/2.0/mlflow-artifacts/…')`). */
export const MLFLOW_ARTIFACTS_PREFIX = '/2.0/mlflow-artifacts';
const ARTIFACTS = `${MLFLOW_ARTIFACTS_PREFIX}/artifacts`;

const wildcard = z.strictObject({ '*': z.string().max(4096) });
type Wildcard = z.infer<typeof wildcard>;

/** The media type of a `Content-Type` header, kept with the file when it is a plain `type/subtype`. */
const mediaType = z
  .string()
  .transform((s) => (s.split(';')[0] as string).trim().toLowerCase())
  .pipe(
    z
      .string()
      .max(127)
      .regex(/^[a-z0-9][\w!#$&^.+-]*\/[a-z0-9][\w!#$&^.+-]*$/),
  );

/** MLflow's multipart upload refusal (`_UnsupportedMultipartUploadException.MESSAGE`), which its client falls back on. */
const NO_MULTIPART = 'Multipart upload is not supported for the current artifact repository';

/** A route of the proxy: MLflow's error shape and wording. */
function proxyRoute<Q = unknown>(spec: Omit<GatewayRoute<Wildcard, Q, unknown>, 'tag' | 'errorFormat'>) {
  return route<Wildcard, Q, unknown>({
    ...spec,
    tag: 'mlflow',
    errorFormat: 'mlflow',
    handle: async (ctx) => {
      try {
        return await spec.handle(ctx);
      } catch (err) {
        throw inMlflowWords(notFoundAsSuch(err));
      }
    },
  });
}

/**
 * `ARTIFACTS.NOT_FOUND` as the gateway's error table should map it (404 RESOURCE_DOES_NOT_EXIST):
 * the table's suffix rule reads `*_NOT_FOUND`, which `NOT_FOUND` alone does not match (500).
 */
function notFoundAsSuch(err: unknown): unknown {
  return err instanceof SlipwayError && err.code === ArtifactsErrorCodes.NOT_FOUND
    ? new SlipwayError(CommonErrorCodes.NOT_FOUND, err.message, err.details, { cause: err })
    : err;
}

/** A proxy path that must name a file, not the run's artifact root. */
function fileRef(proxyPath: string): ProxyRef {
  const ref = parseProxyPath(proxyPath);
  if (ref.path === '' || proxyPath.endsWith('/'))
    throw new SlipwayError(CommonErrorCodes.VALIDATION, `'${proxyPath}' names a folder, not a file`, {
      path: proxyPath,
    });
  return ref;
}

/** The upload's bytes: the request stream, or nothing for an empty body sent without a Content-Type. */
function sourceOf(body: unknown): ArtifactSource {
  if (body instanceof Readable) return body;
  if (body === undefined || body === null) return new Uint8Array(0);
  throw new SlipwayError(CommonErrorCodes.VALIDATION, "send the file's bytes as the request body");
}

/** `Content-Disposition` of a download: always an attachment (never shown inline from the gateway's origin). */
const attachment = (path: string) =>
  `attachment; filename*=UTF-8''${encodeURIComponent(path.slice(path.lastIndexOf('/') + 1))}`;

/**
 * MLflow's artifact proxy (`mlflow server --serve-artifacts`), the endpoints an MLflow client's
 * `MlflowArtifactsRepository` (an `HttpArtifactRepository`) calls for `mlflow-artifacts:` URIs:
 * upload, download, list, delete. Paths are `<experimentId>/<runId>/artifacts/<path>`; the files
 * are the run's artifacts in Slipway's artifact store, the same as `/api/v1/runs/:runId/artifacts`.
 */
export function mlflowArtifactProxyRoutes(store: ArtifactStore, maxBytes: number): GatewayRoute[] {
  return [
    proxyRoute({
      method: 'PUT',
      url: `${ARTIFACTS}/*`,
      scope: 'write',
      summary:
        "MLflow artifact proxy UploadArtifact: the body is the file's bytes (any Content-Type), streamed into the run's artifacts.",
      params: wildcard,
      body: z.unknown(),
      streamBody: true,
      response: emptyJson,
      handle: async ({ params, body, rpc, request }) => {
        const ref = fileRef(params['*']);
        await runOfProxyRef(rpc, ref, { active: true });
        const contentType = mediaType.safeParse(request.headers['content-type']);
        await store.put(ref.runId, ref.path, sourceOf(body), {
          maxBytes,
          ...(contentType.success ? { contentType: contentType.data } : {}),
        });
        return {};
      },
    }),
    proxyRoute({
      method: 'GET',
      url: `${ARTIFACTS}/*`,
      scope: 'read',
      summary: 'MLflow artifact proxy DownloadArtifact: the file, streamed, as an attachment.',
      params: wildcard,
      raw: true,
      handle: async ({ params, rpc, reply }) => {
        const ref = fileRef(params['*']);
        await runOfProxyRef(rpc, ref, { active: false });
        const { info, stream } = await store.get(ref.runId, ref.path);
        return reply
          .header('content-type', 'application/octet-stream')
          .header('content-length', String(info.size))
          .header('content-disposition', attachment(ref.path))
          .header('x-content-type-options', 'nosniff')
          .header('etag', `"${info.sha256}"`)
          .send(Readable.fromWeb(stream as never));
      },
    }),
    proxyRoute({
      method: 'GET',
      url: ARTIFACTS,
      scope: 'read',
      summary:
        'MLflow artifact proxy ListArtifacts: the files and folders directly in `path` (`<experimentId>/<runId>/artifacts[/<folder>]`), by name.',
      query: z.object({ path: z.string().max(4096).optional() }),
      response: z.object({ files: z.array(fileInfoJson) }),
      handle: async ({ query, rpc }) => {
        const ref = parseProxyPath(query.path ?? '');
        await runOfProxyRef(rpc, ref, { active: false });
        const listing = await rpc.request(ListArtifacts, { runId: ref.runId, path: ref.path });
        // MLflow's `_list_artifacts_mlflow_artifacts` answers base names; the client joins them to the path it asked for.
        return { files: listing.files.map((f) => fileInfoJsonOf(f, basename)) };
      },
    }),
    proxyRoute({
      method: 'DELETE',
      url: `${ARTIFACTS}/*`,
      scope: 'write',
      summary:
        "MLflow artifact proxy DeleteArtifact: the file, or every file of the folder (the run's root included); nothing there is not an error.",
      params: wildcard,
      response: emptyJson,
      handle: async ({ params, rpc }) => {
        const ref = parseProxyPath(params['*']);
        await runOfProxyRef(rpc, ref, { active: false });
        const below = await rpc.request(ListArtifacts, { runId: ref.runId, path: ref.path, recursive: true });
        const paths = [...(ref.path === '' ? [] : [ref.path]), ...below.files.map((f) => f.path)];
        for (const path of paths) await store.delete(ref.runId, path);
        return {};
      },
    }),
    proxyRoute({
      method: 'POST',
      url: `${MLFLOW_ARTIFACTS_PREFIX}/mpu/create/*`,
      scope: 'write',
      summary:
        'MLflow CreateMultipartUpload: not supported (501), so the client uploads the file in one request.',
      params: wildcard,
      body: z.unknown(),
      raw: true,
      handle: async ({ reply }) =>
        reply.code(501).send({ error_code: 'NOT_IMPLEMENTED', message: NO_MULTIPART }),
    }),
  ];
}

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);
