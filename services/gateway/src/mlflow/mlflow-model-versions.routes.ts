import {
  CreateModelVersion,
  DeleteModelVersion,
  DeleteModelVersionTag,
  GetModelVersion,
  GetRun,
  modelNameSchema,
  runIdSchema,
  SearchModelVersions,
  SetModelVersionDescription,
  SetModelVersionTags,
  SlipwayError,
  trackingKeySchema,
  TransitionModelVersionStage,
} from '@slipway/contracts';
import type { RpcClient } from '@slipway/messaging';
import { z } from 'zod';
import { actorOf } from '../auth/principal';
import { grants } from '../auth/scopes';
import type { GatewayRoute } from '../http/gateway-route';
import { mlflowRootOf } from './mlflow-artifact-runs';
import { proxyUriOf } from './mlflow-artifact-uri';
import { bool, int64, keyValue, repeated, required, stage, versionNumber } from './mlflow-inputs';
import { emptyJson, modelVersionJson } from './mlflow-json';
import { createdVersionOf, modelVersionOf } from './mlflow-registry.calls';
import { parseRegistryFilter, unsupportedClause } from './mlflow-registry-filter';
import { mlflowRoute } from './mlflow-route';
import { modelVersionJsonOf } from './mlflow-views';

const name = required('name', modelNameSchema);
const version = required('version', versionNumber);
const versionReply = z.object({ model_version: modelVersionJson });

/** MLflow sends no flavor; `python_function` is the one every MLflow model has. */
const DEFAULT_FLAVOR = 'python_function';

/**
 * The run's latest metrics, the snapshot a version keeps. MLflow's registry does not check the
 * run, so a run this tracking does not know leaves the snapshot empty.
 */
async function runMetrics(rpc: RpcClient, runId: string | undefined): Promise<Record<string, number>> {
  if (!runId) return {};
  try {
    const run = await rpc.request(GetRun, { runId });
    return Object.fromEntries(run.metrics.map((m) => [m.key, m.latest]));
  } catch (err) {
    if (err instanceof SlipwayError && err.code === 'TRACKING.RUN_NOT_FOUND') return {};
    throw err;
  }
}

/** `/abs/path` (a local artifact store) as a URI, which a version's source must be. */
const sourceUri = (source: string) =>
  /^[A-Za-z][A-Za-z0-9+.-]*:/.test(source) ? source : `file://${source}`;

/** The search RPC's fields of MLflow's `filter` (name, run_id, tags.<key>). */
function searchOf(filter: string | undefined) {
  const tags: Record<string, string> = {};
  const out: { model?: string; modelLike?: string; runIds?: string[]; tags: Record<string, string> } = {
    tags,
  };
  for (const c of parseRegistryFilter(filter)) {
    if (c.field === 'name' && c.op === '=') out.model = c.value as string;
    else if (c.field === 'name' && c.op === 'LIKE') out.modelLike = c.value as string;
    else if (c.field === 'run_id' && (c.op === '=' || c.op === 'IN')) out.runIds = [c.value].flat();
    else if (c.field.startsWith('tags.') && c.op === '=') tags[c.field.slice(5)] = c.value as string;
    else throw unsupportedClause(c);
  }
  return out;
}

/** MLflow's model-version endpoints (`model_registry.proto`). */
export const mlflowModelVersionRoutes: GatewayRoute[] = [
  mlflowRoute({
    method: 'POST',
    path: '/model-versions/create',
    scope: 'write',
    summary: "MLflow CreateModelVersion (flavor python_function, the run's latest metrics as snapshot).",
    input: z.object({
      name,
      source: required('source', z.string().min(1).max(2000)),
      run_id: runIdSchema.optional(),
      tags: z.array(keyValue).optional(),
      run_link: z.string().optional(),
      description: z.string().optional(),
    }),
    response: versionReply,
    handle: async (b, { rpc, principal }) => {
      const actor = actorOf(principal);
      const reply = await rpc.request(CreateModelVersion, {
        model: b.name,
        source: sourceUri(b.source),
        runId: b.run_id ?? null,
        flavor: DEFAULT_FLAVOR,
        metrics: await runMetrics(rpc, b.run_id),
        tags: b.tags,
        actor,
      });
      const created = createdVersionOf(reply);
      if (b.description)
        await rpc.request(SetModelVersionDescription, {
          model: b.name,
          version: created,
          description: b.description,
          actor,
        });
      return { model_version: await modelVersionOf(rpc, b.name, created) };
    },
  }),
  mlflowRoute({
    method: 'GET',
    path: '/model-versions/get',
    scope: 'read',
    summary: 'MLflow GetModelVersion.',
    input: z.object({ name, version }),
    response: versionReply,
    handle: async (q, { rpc }) => ({ model_version: await modelVersionOf(rpc, q.name, q.version) }),
  }),
  mlflowRoute({
    method: 'PATCH',
    path: '/model-versions/update',
    scope: 'write',
    summary: 'MLflow UpdateModelVersion (description).',
    input: z.object({ name, version, description: z.string().optional() }),
    response: versionReply,
    handle: async (b, { rpc, principal }) => {
      await rpc.request(SetModelVersionDescription, {
        model: b.name,
        version: b.version,
        description: b.description ?? null,
        actor: actorOf(principal),
      });
      return { model_version: await modelVersionOf(rpc, b.name, b.version) };
    },
  }),
  mlflowRoute({
    method: 'DELETE',
    path: '/model-versions/delete',
    scope: 'write',
    summary: 'MLflow DeleteModelVersion.',
    input: z.object({ name, version }),
    response: emptyJson,
    handle: async (b, { rpc, principal }) => {
      await rpc.request(DeleteModelVersion, {
        model: b.name,
        version: b.version,
        reason: 'MLflow delete',
        actor: actorOf(principal),
      });
      return {};
    },
  }),
  mlflowRoute({
    method: 'GET',
    path: '/model-versions/search',
    scope: 'read',
    summary: 'MLflow SearchModelVersions (filter on name, run_id and tags.<key>; newest first per model).',
    input: z.object({
      filter: z.string().optional(),
      max_results: int64.optional(),
      order_by: repeated(z.string()).optional(),
      page_token: z.string().min(1).optional(),
    }),
    response: z.object({ model_versions: z.array(modelVersionJson), next_page_token: z.string().optional() }),
    handle: async (q, { rpc }) => {
      if ((q.order_by ?? []).length > 0)
        throw new SlipwayError(
          'COMMON.VALIDATION_FAILED',
          'order_by is not supported by search model versions',
        );
      const found = await rpc.request(SearchModelVersions, {
        ...searchOf(q.filter),
        maxResults: q.max_results === undefined ? undefined : Math.min(q.max_results, 1000),
        pageToken: q.page_token,
      });
      return {
        model_versions: found.versions.map(modelVersionJsonOf),
        ...(found.nextPageToken ? { next_page_token: found.nextPageToken } : {}),
      };
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/model-versions/transition-stage',
    scope: 'write',
    summary:
      'MLflow TransitionModelVersionStage: Staging/Production promote to the staging/production alias under its policy.',
    input: z.object({
      name,
      version,
      stage: required('stage', stage),
      archive_existing_versions: bool.optional(),
    }),
    response: versionReply,
    handle: async (b, { rpc, principal }) => {
      await rpc.request(TransitionModelVersionStage, {
        model: b.name,
        version: b.version,
        stage: b.stage,
        archiveExistingVersions: b.archive_existing_versions ?? false,
        actor: actorOf(principal),
        admin: grants(principal.scopes, 'admin'),
      });
      return { model_version: await modelVersionOf(rpc, b.name, b.version) };
    },
  }),
  mlflowRoute({
    method: 'GET',
    path: '/model-versions/get-download-uri',
    scope: 'read',
    summary:
      "MLflow GetModelVersionDownloadUri: the source, with runs:/ resolved to the run's mlflow-artifacts: URI (the artifact proxy).",
    input: z.object({ name, version }),
    response: z.object({ artifact_uri: z.string() }),
    handle: async (q, { rpc }) => {
      const v = await rpc.request(GetModelVersion, { model: q.name, version: q.version });
      const runs = /^runs:\/([^/]+)\/?(.*)$/.exec(v.source);
      if (!runs) return { artifact_uri: v.source };
      const run = await rpc.request(GetRun, { runId: runs[1] as string });
      return { artifact_uri: proxyUriOf(mlflowRootOf(run), (runs[2] as string).replace(/\/+$/, '')) };
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/model-versions/set-tag',
    scope: 'write',
    summary: 'MLflow SetModelVersionTag.',
    input: z.object({
      name,
      version,
      key: required('key', trackingKeySchema),
      value: required('value', z.string()),
    }),
    response: emptyJson,
    handle: async (b, { rpc, principal }) => {
      const tags = [{ key: b.key, value: b.value }];
      await rpc.request(SetModelVersionTags, {
        model: b.name,
        version: b.version,
        tags,
        actor: actorOf(principal),
      });
      return {};
    },
  }),
  mlflowRoute({
    method: 'DELETE',
    path: '/model-versions/delete-tag',
    scope: 'write',
    summary: 'MLflow DeleteModelVersionTag.',
    input: z.object({ name, version, key: required('key', trackingKeySchema) }),
    response: emptyJson,
    handle: async (b, { rpc, principal }) => {
      await rpc.request(DeleteModelVersionTag, {
        model: b.name,
        version: b.version,
        key: b.key,
        actor: actorOf(principal),
      });
      return {};
    },
  }),
];
