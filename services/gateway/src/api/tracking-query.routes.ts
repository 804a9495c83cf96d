import {
  CompareRuns,
  CompareRunsColumns,
  CreateExperiment,
  GetBestRun,
  GetDownsampledHistory,
  GetExperiment,
  GetMetricHistory,
  GetRun,
  SearchRuns,
} from '@slipway/contracts';
import { z } from 'zod';
import type { GatewayRoute } from '../http/gateway-route';
import { bodyOf, pathParams, rpcRoute } from './rpc-route';

const TAG_EXPERIMENTS = 'experiments';
const TAG_RUNS = 'runs';
const TAG_METRICS = 'metrics';

/** Experiments, runs and metric queries of `/api/v1` that the first tracking RPCs answer. */
export const trackingQueryRoutes: GatewayRoute[] = [
  rpcRoute({
    method: 'POST',
    url: '/v1/experiments',
    scope: 'write',
    tag: TAG_EXPERIMENTS,
    rpc: CreateExperiment,
    status: 201,
    body: bodyOf(CreateExperiment, []),
    request: ({ body }) => body as never,
  }),
  rpcRoute({
    method: 'GET',
    url: '/v1/experiments/:experimentId',
    scope: 'read',
    tag: TAG_EXPERIMENTS,
    rpc: GetExperiment,
    params: pathParams('experimentId'),
    request: ({ params }) => ({ experimentId: params.experimentId }),
  }),
  rpcRoute({
    method: 'GET',
    url: '/v1/experiments/by-name/:name',
    scope: 'read',
    tag: TAG_EXPERIMENTS,
    rpc: GetExperiment,
    summary: 'Get an experiment by name.',
    params: pathParams('name'),
    request: ({ params }) => ({ name: params.name }),
  }),
  rpcRoute({
    method: 'GET',
    url: '/v1/experiments/:experimentId/best-run',
    scope: 'read',
    tag: TAG_EXPERIMENTS,
    rpc: GetBestRun,
    params: pathParams('experimentId'),
    query: z.strictObject({ metric: z.string().min(1), mode: z.enum(['max', 'min']).default('max') }),
    request: ({ params, query }) => ({ experimentId: params.experimentId, ...query }),
  }),
  rpcRoute({
    method: 'GET',
    url: '/v1/runs/:runId',
    scope: 'read',
    tag: TAG_RUNS,
    rpc: GetRun,
    params: pathParams('runId'),
    request: ({ params }) => ({ runId: params.runId }),
  }),
  rpcRoute({
    method: 'POST',
    url: '/v1/runs/search',
    scope: 'read',
    tag: TAG_RUNS,
    rpc: SearchRuns,
    body: bodyOf(SearchRuns, []),
    request: ({ body }) => body as never,
  }),
  rpcRoute({
    method: 'POST',
    url: '/v1/runs/compare',
    scope: 'read',
    tag: TAG_RUNS,
    rpc: CompareRuns,
    body: CompareRuns.request,
    request: ({ body }) => body as never,
    timeoutMs: 30_000,
  }),
  rpcRoute({
    method: 'POST',
    url: '/v1/runs/compare-columns',
    scope: 'read',
    tag: TAG_RUNS,
    rpc: CompareRunsColumns,
    summary:
      'Compare runs in columns (an array per param, tag and metric aggregate): about 6x smaller than /runs/compare, for 1,000 runs and more.',
    body: CompareRunsColumns.request,
    request: ({ body }) => body as never,
    timeoutMs: 30_000,
  }),
  rpcRoute({
    method: 'GET',
    url: '/v1/runs/:runId/metrics/:key/history',
    scope: 'read',
    tag: TAG_METRICS,
    rpc: GetMetricHistory,
    params: pathParams('runId', 'key'),
    query: z.strictObject({
      pageSize: z.coerce.number().int().min(1).max(10_000).optional(),
      pageToken: z.string().min(1).optional(),
    }),
    request: ({ params, query }) => ({ runId: params.runId, key: params.key, ...query }),
  }),
  rpcRoute({
    method: 'POST',
    url: '/v1/metrics/downsampled',
    scope: 'read',
    tag: TAG_METRICS,
    rpc: GetDownsampledHistory,
    body: bodyOf(GetDownsampledHistory, []),
    request: ({ body }) => body as never,
  }),
];
