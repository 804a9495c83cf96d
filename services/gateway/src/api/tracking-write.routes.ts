import type { NatsConnection } from '@nats-io/transport-node';
import {
  CreateRun,
  DeleteExperiment,
  DeleteExperimentTag,
  DeleteRun,
  DeleteRunTag,
  GetMetricHistoryBulkInterval,
  LogBatch,
  LogRunInputs,
  RenameExperiment,
  RestoreExperiment,
  RestoreRun,
  SearchExperiments,
  SetExperimentTag,
  SetRunTag,
  UpdateRun,
} from '@slipway/contracts';
import { z } from 'zod';
import { publishLiveMetrics } from '../events/live-run-events';
import { route, type GatewayRoute } from '../http/gateway-route';
import { bodyOf, pathParams, rpcRoute } from './rpc-route';
import type { RunMetricsWriter } from './run-metrics.writer';

const EXPERIMENTS = 'experiments';
const RUNS = 'runs';
const experimentParams = pathParams('experimentId');
const runParams = pathParams('runId');
const tagValue = z.strictObject({ value: z.string().max(8000) });

/** Writes of experiments and runs under `/api/v1` (create, rename, delete, restore, tags, log). */
export function trackingWriteRoutes(
  nc: NatsConnection,
  subjectRoot: string,
  writer: RunMetricsWriter,
): GatewayRoute[] {
  return [
    rpcRoute({
      method: 'GET',
      url: '/v1/experiments',
      scope: 'read',
      tag: EXPERIMENTS,
      rpc: SearchExperiments,
      query: z.strictObject({
        viewType: z.enum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']).optional(),
        filter: z.string().max(100_000).optional(),
        orderBy: z.union([z.string(), z.array(z.string())]).optional(),
        maxResults: z.coerce.number().int().min(1).optional(),
        pageToken: z.string().min(1).optional(),
      }),
      request: ({ query }) => ({
        ...query,
        orderBy: query.orderBy === undefined ? undefined : [query.orderBy].flat(),
      }),
    }),
    rpcRoute({
      method: 'PATCH',
      url: '/v1/experiments/:experimentId',
      scope: 'write',
      tag: EXPERIMENTS,
      rpc: RenameExperiment,
      params: experimentParams,
      body: z.strictObject({ name: z.string().min(1).max(500) }),
      request: ({ params, body }) => ({ experimentId: params.experimentId, newName: body.name }),
    }),
    rpcRoute({
      method: 'DELETE',
      url: '/v1/experiments/:experimentId',
      scope: 'write',
      tag: EXPERIMENTS,
      rpc: DeleteExperiment,
      params: experimentParams,
      request: ({ params }) => params,
    }),
    rpcRoute({
      method: 'POST',
      url: '/v1/experiments/:experimentId/restore',
      scope: 'write',
      tag: EXPERIMENTS,
      rpc: RestoreExperiment,
      params: experimentParams,
      request: ({ params }) => params,
    }),
    rpcRoute({
      method: 'PUT',
      url: '/v1/experiments/:experimentId/tags/:key',
      scope: 'write',
      tag: EXPERIMENTS,
      rpc: SetExperimentTag,
      params: pathParams('experimentId', 'key'),
      body: tagValue,
      request: ({ params, body }) => ({ ...params, value: body.value }),
    }),
    rpcRoute({
      method: 'DELETE',
      url: '/v1/experiments/:experimentId/tags/:key',
      scope: 'write',
      tag: EXPERIMENTS,
      rpc: DeleteExperimentTag,
      params: pathParams('experimentId', 'key'),
      request: ({ params }) => params,
    }),
    rpcRoute({
      method: 'POST',
      url: '/v1/runs',
      scope: 'write',
      tag: RUNS,
      rpc: CreateRun,
      status: 201,
      body: bodyOf(CreateRun, []),
      request: ({ body, principal }) => ({ userId: principal.name, ...(body as object) }) as never,
    }),
    rpcRoute({
      method: 'PATCH',
      url: '/v1/runs/:runId',
      scope: 'write',
      tag: RUNS,
      rpc: UpdateRun,
      params: runParams,
      body: bodyOf(UpdateRun, ['runId']),
      request: ({ params, body }) => ({ ...(body as object), runId: params.runId }) as never,
    }),
    rpcRoute({
      method: 'DELETE',
      url: '/v1/runs/:runId',
      scope: 'write',
      tag: RUNS,
      rpc: DeleteRun,
      params: runParams,
      request: ({ params }) => params,
    }),
    rpcRoute({
      method: 'POST',
      url: '/v1/runs/:runId/restore',
      scope: 'write',
      tag: RUNS,
      rpc: RestoreRun,
      params: runParams,
      request: ({ params }) => params,
    }),
    route({
      method: 'POST',
      url: '/v1/runs/:runId/batch',
      scope: 'write',
      tag: RUNS,
      summary: LogBatch.description,
      params: runParams,
      body: bodyOf(LogBatch, ['runId']),
      response: LogBatch.response,
      handle: async ({ params, body, rpc }) => {
        const request = { ...(body as object), runId: params.runId } as Parameters<
          typeof rpc.request<typeof LogBatch>
        >[1];
        const metrics = request.metrics ?? [];
        const metricsOnly = !request.batchId && !request.params?.length && !request.tags?.length;
        const result =
          metricsOnly && metrics.length > 0
            ? {
                runId: params.runId,
                batchId: await writer.logSync(
                  params.runId,
                  metrics.map((m) => ({ ...m, step: m.step ?? 0 })),
                ),
                metricsStored: metrics.length,
                paramsStored: 0,
                tagsSet: 0,
              }
            : await rpc.request(LogBatch, request, { timeoutMs: 30_000 });
        publishLiveMetrics(nc, subjectRoot, params.runId, metrics);
        return result;
      },
    }),
    rpcRoute({
      method: 'POST',
      url: '/v1/runs/:runId/inputs',
      scope: 'write',
      tag: RUNS,
      summary: 'Record datasets (name, digest, source, schema, profile) as inputs of a run.',
      rpc: LogRunInputs,
      params: runParams,
      body: bodyOf(LogRunInputs, ['runId']),
      request: ({ params, body }) => ({ ...(body as object), runId: params.runId }) as never,
    }),
    rpcRoute({
      method: 'PUT',
      url: '/v1/runs/:runId/tags/:key',
      scope: 'write',
      tag: RUNS,
      rpc: SetRunTag,
      params: pathParams('runId', 'key'),
      body: tagValue,
      request: ({ params, body }) => ({ ...params, value: body.value }),
    }),
    rpcRoute({
      method: 'DELETE',
      url: '/v1/runs/:runId/tags/:key',
      scope: 'write',
      tag: RUNS,
      rpc: DeleteRunTag,
      params: pathParams('runId', 'key'),
      request: ({ params }) => params,
    }),
    rpcRoute({
      method: 'POST',
      url: '/v1/metrics/history-bulk',
      scope: 'read',
      tag: 'metrics',
      rpc: GetMetricHistoryBulkInterval,
      body: bodyOf(GetMetricHistoryBulkInterval, []),
      request: ({ body }) => body as never,
    }),
  ];
}
