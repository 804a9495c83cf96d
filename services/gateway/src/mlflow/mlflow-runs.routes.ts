import {
  CreateRun,
  DeleteRun,
  DeleteRunTag,
  GetRun,
  LogParam,
  LogRunInputs,
  RestoreRun,
  runStatusSchema,
  SearchRuns,
  SetRunTag,
  trackingKeySchema,
  UpdateRun,
} from '@slipway/contracts';
import { z } from 'zod';
import type { GatewayRoute } from '../http/gateway-route';
import {
  experimentIdRef,
  int64,
  keyValue,
  maxResults,
  repeated,
  required,
  runRef,
  viewType,
  withRunId,
} from './mlflow-inputs';
import { emptyJson, runInfoJson, runJson } from './mlflow-json';
import { mlflowRoute } from './mlflow-route';
import { runInfoJsonOf, runJsonOf } from './mlflow-views';

/** A `DatasetInput` as MLflow's client sends it (`mlflow.log_input`); limits are checked by tracking. */
const mlflowDatasetInput = z.object({
  tags: z
    .array(z.object({ key: required('key', z.string()), value: required('value', z.string()) }))
    .optional(),
  dataset: required(
    'dataset',
    z.object({
      name: required('name', z.string()),
      digest: required('digest', z.string()),
      source_type: required('source_type', z.string()),
      source: required('source', z.string()),
      schema: z.string().optional(),
      profile: z.string().optional(),
    }),
  ),
});

/** MLflow's `SEARCH_MAX_RESULTS_THRESHOLD`. */
const SEARCH_RUNS_MAX_RESULTS = 50_000;
const runReply = z.object({ run: runJson });
const key = required('key', trackingKeySchema);
const runOnly = withRunId(z.object(runRef));

const searchInput = z.object({
  experiment_ids: required('experiment_ids', repeated(experimentIdRef)),
  filter: z.string().optional(),
  run_view_type: viewType.optional(),
  max_results: maxResults(SEARCH_RUNS_MAX_RESULTS).optional(),
  order_by: repeated(z.string()).optional(),
  page_token: z.string().min(1).optional(),
});

/** MLflow's run endpoints, but for metrics and batches (`mlflow-metrics.routes.ts`). */
export const mlflowRunRoutes: GatewayRoute[] = [
  mlflowRoute({
    method: 'POST',
    path: '/runs/create',
    scope: 'write',
    summary: 'MLflow CreateRun.',
    input: z.object({
      experiment_id: experimentIdRef.optional(),
      user_id: z.string().min(1).optional(),
      run_name: z.string().min(1).optional(),
      start_time: int64.optional(),
      tags: z.array(keyValue).optional(),
    }),
    response: runReply,
    handle: async (b, { rpc, principal }) => {
      const tags = b.tags ?? [];
      const userTag = tags.find((t) => t.key === 'mlflow.user')?.value;
      const run = await rpc.request(CreateRun, {
        experimentId: b.experiment_id,
        runName: b.run_name,
        startTime: b.start_time,
        userId: b.user_id ?? userTag ?? principal.name,
        tags,
      });
      return { run: runJsonOf(run) };
    },
  }),
  mlflowRoute({
    method: 'GET',
    path: '/runs/get',
    scope: 'read',
    summary: 'MLflow GetRun.',
    input: runOnly,
    response: runReply,
    handle: async (q, { rpc }) => ({ run: runJsonOf(await rpc.request(GetRun, { runId: q.runId })) }),
  }),
  mlflowRoute({
    method: 'POST',
    path: '/runs/update',
    scope: 'write',
    summary: 'MLflow UpdateRun.',
    input: withRunId(
      z.object({
        ...runRef,
        status: runStatusSchema.optional(),
        end_time: int64.optional(),
        run_name: z.string().min(1).optional(),
      }),
    ),
    response: z.object({ run_info: runInfoJson }),
    handle: async (b, { rpc }) => {
      const info = await rpc.request(UpdateRun, {
        runId: b.runId,
        status: b.status,
        endTime: b.end_time,
        runName: b.run_name,
      });
      return { run_info: runInfoJsonOf(info) };
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/runs/delete',
    scope: 'write',
    summary: 'MLflow DeleteRun.',
    input: runOnly,
    response: emptyJson,
    handle: async (b, { rpc }) => {
      await rpc.request(DeleteRun, { runId: b.runId });
      return {};
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/runs/restore',
    scope: 'write',
    summary: 'MLflow RestoreRun.',
    input: runOnly,
    response: emptyJson,
    handle: async (b, { rpc }) => {
      await rpc.request(RestoreRun, { runId: b.runId });
      return {};
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/runs/search',
    scope: 'read',
    summary: "MLflow SearchRuns (MLflow's filter and order_by, paginated).",
    input: searchInput,
    response: z.object({ runs: z.array(runJson), next_page_token: z.string().optional() }),
    handle: async (b, { rpc }) => {
      const found = await rpc.request(SearchRuns, {
        experimentIds: b.experiment_ids,
        filter: b.filter,
        orderBy: b.order_by,
        runViewType: b.run_view_type,
        maxResults: b.max_results,
        pageToken: b.page_token,
        // MLflow's search answers each run's dataset inputs (its UI lists them per run).
        includeInputs: true,
      });
      return {
        runs: found.runs.map(runJsonOf),
        ...(found.nextPageToken ? { next_page_token: found.nextPageToken } : {}),
      };
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/runs/log-parameter',
    scope: 'write',
    summary: 'MLflow LogParam.',
    input: withRunId(z.object({ ...runRef, key, value: required('value', z.string()) })),
    response: emptyJson,
    handle: async (b, { rpc }) => {
      await rpc.request(LogParam, { runId: b.runId, key: b.key, value: b.value });
      return {};
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/runs/set-tag',
    scope: 'write',
    summary: 'MLflow SetTag.',
    input: withRunId(z.object({ ...runRef, key, value: required('value', z.string()) })),
    response: emptyJson,
    handle: async (b, { rpc }) => {
      await rpc.request(SetRunTag, { runId: b.runId, key: b.key, value: b.value });
      return {};
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/runs/delete-tag',
    scope: 'write',
    summary: 'MLflow DeleteTag.',
    input: withRunId(z.object({ ...runRef, key })),
    response: emptyJson,
    handle: async (b, { rpc }) => {
      await rpc.request(DeleteRunTag, { runId: b.runId, key: b.key });
      return {};
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/runs/log-inputs',
    scope: 'write',
    summary:
      'MLflow LogInputs: datasets (name, digest, source, schema, profile) as inputs of a run, stored once per experiment by name and digest.',
    input: withRunId(z.object({ ...runRef, datasets: z.array(mlflowDatasetInput).optional() })),
    response: emptyJson,
    handle: async (b, { rpc }) => {
      await rpc.request(LogRunInputs, {
        runId: b.runId,
        datasets: (b.datasets ?? []).map(({ dataset, tags }) => ({
          dataset: {
            name: dataset.name,
            digest: dataset.digest,
            sourceType: dataset.source_type,
            source: dataset.source,
            ...(dataset.schema !== undefined ? { schema: dataset.schema } : {}),
            ...(dataset.profile !== undefined ? { profile: dataset.profile } : {}),
          },
          tags: tags ?? [],
        })),
      });
      return {};
    },
  }),
];
