import type { NatsConnection } from '@nats-io/transport-node';
import {
  GetMetricHistory,
  GetMetricHistoryBulkInterval,
  HISTORY_BULK_INTERVAL_LIMITS as BULK,
  LogBatch,
  runIdSchema,
  trackingKeySchema,
  type SeriesPoint,
} from '@slipway/contracts';
import type { RpcClient } from '@slipway/messaging';
import { z } from 'zod';
import { publishLiveMetrics } from '../events/live-run-events';
import type { GatewayRoute } from '../http/gateway-route';
import type { RunMetricsWriter } from '../api/run-metrics.writer';
import {
  int64,
  keyValue,
  maxResults,
  metricValue,
  repeated,
  required,
  runRef,
  withRunId,
} from './mlflow-inputs';
import { emptyJson, metricJson } from './mlflow-json';
import { mlflowRoute } from './mlflow-route';
import { metricJsonOf } from './mlflow-views';

/** The largest page `metrics.history` hands out. */
const HISTORY_PAGE = 10_000;
const LOG_TIMEOUT_MS = 30_000;

const metricInput = z.object({
  key: required('key', trackingKeySchema),
  value: required('value', metricValue),
  timestamp: required('timestamp', int64),
  step: int64.optional(),
});

/** Every page of a series when no `max_results` is given (MLflow's server answers the whole history). */
async function history(
  rpc: RpcClient,
  runId: string,
  key: string,
  maxResults: number | undefined,
  pageToken: string | undefined,
): Promise<{ points: SeriesPoint[]; nextPageToken?: string }> {
  if (maxResults !== undefined) {
    const pageSize = Math.min(Math.max(maxResults, 1), HISTORY_PAGE);
    return rpc.request(GetMetricHistory, { runId, key, pageSize, pageToken });
  }
  const points: SeriesPoint[] = [];
  let token = pageToken;
  do {
    const page = await rpc.request(GetMetricHistory, {
      runId,
      key,
      pageSize: HISTORY_PAGE,
      pageToken: token,
    });
    points.push(...page.points);
    token = page.nextPageToken;
  } while (token);
  return { points };
}

/** MLflow's metric endpoints: log-metric, log-batch (metrics, params, tags), get-history, bulk interval. */
export function mlflowMetricRoutes(
  nc: NatsConnection,
  subjectRoot: string,
  writer: RunMetricsWriter,
): GatewayRoute[] {
  return [
    mlflowRoute({
      method: 'POST',
      path: '/runs/log-metric',
      scope: 'write',
      summary: 'MLflow LogMetric.',
      input: withRunId(z.object({ ...runRef, ...metricInput.shape })),
      response: emptyJson,
      handle: async (b) => {
        const point = { key: b.key, value: b.value, timestamp: b.timestamp, step: b.step ?? 0 };
        await writer.logSync(b.runId, [point]);
        publishLiveMetrics(nc, subjectRoot, b.runId, [point]);
        return {};
      },
    }),
    mlflowRoute({
      method: 'POST',
      path: '/runs/log-batch',
      scope: 'write',
      summary: 'MLflow LogBatch: up to 1000 metrics, 100 params and 100 tags of a run.',
      input: z.object({
        run_id: required('run_id', runIdSchema),
        metrics: z.array(metricInput).optional(),
        params: z.array(keyValue).optional(),
        tags: z.array(keyValue).optional(),
      }),
      response: emptyJson,
      handle: async (b, { rpc }) => {
        const metrics = (b.metrics ?? []).map((m) => ({ ...m, step: m.step ?? 0 }));
        if (metrics.length > 0 && !b.params?.length && !b.tags?.length)
          await writer.logSync(b.run_id, metrics);
        else
          await rpc.request(
            LogBatch,
            { runId: b.run_id, metrics, params: b.params, tags: b.tags },
            { timeoutMs: LOG_TIMEOUT_MS },
          );
        publishLiveMetrics(nc, subjectRoot, b.run_id, metrics);
        return {};
      },
    }),
    mlflowRoute({
      method: 'GET',
      path: '/metrics/get-history',
      scope: 'read',
      summary: 'MLflow GetMetricHistory: every point of a metric, or a page of max_results.',
      input: withRunId(
        z.object({
          ...runRef,
          metric_key: required('metric_key', trackingKeySchema),
          max_results: int64.optional(),
          page_token: z.string().min(1).optional(),
        }),
      ),
      response: z.object({ metrics: z.array(metricJson), next_page_token: z.string().optional() }),
      handle: async (q, { rpc }) => {
        const found = await history(rpc, q.runId, q.metric_key, q.max_results, q.page_token);
        return {
          metrics: found.points.map((p) => metricJsonOf(q.metric_key, p)),
          ...(found.nextPageToken ? { next_page_token: found.nextPageToken } : {}),
        };
      },
    }),
    mlflowRoute({
      method: 'GET',
      path: '/metrics/get-history-bulk-interval',
      scope: 'read',
      summary: 'MLflow GetMetricHistoryBulkInterval: one metric of several runs, sampled between two steps.',
      input: z.object({
        run_ids: required(
          'run_ids',
          repeated(runIdSchema).pipe(z.array(z.string()).max(BULK.maxRuns, `at most ${BULK.maxRuns} runs`)),
        ),
        metric_key: required('metric_key', trackingKeySchema),
        start_step: int64.optional(),
        end_step: int64.optional(),
        max_results: maxResults(BULK.maxResults).optional(),
      }),
      response: z.object({ metrics: z.array(metricJson.extend({ run_id: z.string() })) }),
      handle: async (q, { rpc }) => {
        const found = await rpc.request(GetMetricHistoryBulkInterval, {
          runIds: q.run_ids,
          key: q.metric_key,
          startStep: q.start_step,
          endStep: q.end_step,
          maxResults: q.max_results,
        });
        return { metrics: found.metrics.map((m) => ({ ...metricJsonOf(m.key, m), run_id: m.runId })) };
      },
    }),
  ];
}
