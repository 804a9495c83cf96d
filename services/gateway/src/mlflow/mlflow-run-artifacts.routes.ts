import { GetRun, ListArtifacts } from '@slipway/contracts';
import { z } from 'zod';
import type { GatewayRoute } from '../http/gateway-route';
import { mlflowRootOf } from './mlflow-artifact-runs';
import { runRef, withRunId } from './mlflow-inputs';
import { fileInfoJson } from './mlflow-json';
import { mlflowRoute } from './mlflow-route';
import { fileInfoJsonOf } from './mlflow-views';

/** MLflow's `ListArtifacts` of service.proto (the MLflow UI's file tree): paths relative to the run's root. */
export const mlflowRunArtifactRoutes: GatewayRoute[] = [
  mlflowRoute({
    method: 'GET',
    path: '/artifacts/list',
    scope: 'read',
    summary:
      "MLflow ListArtifacts: the files and folders directly in a run's artifact folder, with root_uri.",
    input: withRunId(
      z.object({
        ...runRef,
        path: z.string().max(1024).optional(),
        page_token: z.string().optional(),
      }),
    ),
    response: z.object({ root_uri: z.string(), files: z.array(fileInfoJson) }),
    handle: async (q, { rpc }) => {
      const run = await rpc.request(GetRun, { runId: q.runId });
      const listing = await rpc.request(ListArtifacts, { runId: q.runId, path: q.path ?? '' });
      return { root_uri: mlflowRootOf(run), files: listing.files.map((f) => fileInfoJsonOf(f)) };
    },
  }),
];
