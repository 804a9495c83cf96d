import {
  CreateExperiment,
  DeleteExperiment,
  DeleteExperimentTag,
  experimentNameSchema,
  GetExperiment,
  GetExperimentByName,
  RenameExperiment,
  RestoreExperiment,
  SEARCH_EXPERIMENTS_LIMITS,
  SearchExperiments,
  SetExperimentTag,
  trackingKeySchema,
} from '@slipway/contracts';
import { z } from 'zod';
import type { GatewayRoute } from '../http/gateway-route';
import { experimentIdRef, keyValue, maxResults, repeated, required, viewType } from './mlflow-inputs';
import { emptyJson, experimentJson } from './mlflow-json';
import { mlflowRoute } from './mlflow-route';
import { experimentJsonOf } from './mlflow-views';

const experimentId = required('experiment_id', experimentIdRef);
const byId = z.object({ experiment_id: experimentId });
const experimentReply = z.object({ experiment: experimentJson });

/** `experiments/search`'s fields; the same over POST (JSON) and GET (query string). */
const searchInput = z.object({
  max_results: maxResults(SEARCH_EXPERIMENTS_LIMITS.maxResults).optional(),
  page_token: z.string().min(1).optional(),
  filter: z.string().optional(),
  order_by: repeated(z.string()).optional(),
  view_type: viewType.optional(),
});
const searchReply = z.object({
  experiments: z.array(experimentJson),
  next_page_token: z.string().optional(),
});

const search = (method: 'GET' | 'POST') =>
  mlflowRoute({
    method,
    path: '/experiments/search',
    scope: 'read',
    summary: 'MLflow SearchExperiments.',
    input: searchInput,
    response: searchReply,
    handle: async (q, { rpc }) => {
      const found = await rpc.request(SearchExperiments, {
        viewType: q.view_type,
        filter: q.filter,
        orderBy: q.order_by,
        maxResults: q.max_results,
        pageToken: q.page_token,
      });
      return {
        experiments: found.experiments.map(experimentJsonOf),
        ...(found.nextPageToken ? { next_page_token: found.nextPageToken } : {}),
      };
    },
  });

/** MLflow's experiment endpoints (`service.proto`, MlflowService). */
export const mlflowExperimentRoutes: GatewayRoute[] = [
  mlflowRoute({
    method: 'POST',
    path: '/experiments/create',
    scope: 'write',
    summary: 'MLflow CreateExperiment.',
    input: z.object({
      name: required('name', experimentNameSchema),
      artifact_location: z.string().min(1).optional(),
      tags: z.array(keyValue).optional(),
    }),
    response: z.object({ experiment_id: z.string() }),
    handle: async (b, { rpc }) => {
      const e = await rpc.request(CreateExperiment, {
        name: b.name,
        artifactLocation: b.artifact_location,
        tags: b.tags,
      });
      return { experiment_id: e.experimentId };
    },
  }),
  mlflowRoute({
    method: 'GET',
    path: '/experiments/get',
    scope: 'read',
    summary: 'MLflow GetExperiment.',
    input: byId,
    response: experimentReply,
    handle: async (q, { rpc }) => ({
      experiment: experimentJsonOf(await rpc.request(GetExperiment, { experimentId: q.experiment_id })),
    }),
  }),
  mlflowRoute({
    method: 'GET',
    path: '/experiments/get-by-name',
    scope: 'read',
    summary: 'MLflow GetExperimentByName.',
    input: z.object({ experiment_name: required('experiment_name', experimentNameSchema) }),
    response: experimentReply,
    handle: async (q, { rpc }) => ({
      experiment: experimentJsonOf(await rpc.request(GetExperimentByName, { name: q.experiment_name })),
    }),
  }),
  search('POST'),
  search('GET'),
  mlflowRoute({
    method: 'POST',
    path: '/experiments/update',
    scope: 'write',
    summary: 'MLflow UpdateExperiment (rename).',
    input: z.object({ experiment_id: experimentId, new_name: required('new_name', experimentNameSchema) }),
    response: emptyJson,
    handle: async (b, { rpc }) => {
      await rpc.request(RenameExperiment, { experimentId: b.experiment_id, newName: b.new_name });
      return {};
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/experiments/delete',
    scope: 'write',
    summary: 'MLflow DeleteExperiment.',
    input: byId,
    response: emptyJson,
    handle: async (b, { rpc }) => {
      await rpc.request(DeleteExperiment, { experimentId: b.experiment_id });
      return {};
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/experiments/restore',
    scope: 'write',
    summary: 'MLflow RestoreExperiment.',
    input: byId,
    response: emptyJson,
    handle: async (b, { rpc }) => {
      await rpc.request(RestoreExperiment, { experimentId: b.experiment_id });
      return {};
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/experiments/set-experiment-tag',
    scope: 'write',
    summary: 'MLflow SetExperimentTag.',
    input: z.object({
      experiment_id: experimentId,
      key: required('key', trackingKeySchema),
      value: required('value', z.string()),
    }),
    response: emptyJson,
    handle: async (b, { rpc }) => {
      await rpc.request(SetExperimentTag, { experimentId: b.experiment_id, key: b.key, value: b.value });
      return {};
    },
  }),
  mlflowRoute({
    method: 'POST',
    path: '/experiments/delete-experiment-tag',
    scope: 'write',
    summary: 'MLflow DeleteExperimentTag.',
    input: z.object({ experiment_id: experimentId, key: required('key', trackingKeySchema) }),
    response: emptyJson,
    handle: async (b, { rpc }) => {
      await rpc.request(DeleteExperimentTag, { experimentId: b.experiment_id, key: b.key });
      return {};
    },
  }),
];
