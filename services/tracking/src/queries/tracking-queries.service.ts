import { Injectable } from '@nestjs/common';
import type {
  CreateExperiment,
  GetBestRun,
  GetDownsampledHistory,
  GetExperiment,
  GetMetricHistory,
  GetMetricHistoryBulkInterval,
  GetRun,
  RpcRequest,
  RpcResponse,
} from '@slipway/contracts';
import { ExperimentsService } from '../experiments/experiments.service';
import { MetricQueries } from '../metrics';
import { RunInputsService } from '../runs/run-inputs.service';
import { RunsService } from '../runs/runs.service';
import { experimentView, metricSummaryView, runInfoView, runView } from './run-views';
import { NoRunWithMetricError } from './tracking-queries.errors';

/** Experiments, single runs, metric histories and best runs: the read side besides compare and search. */
@Injectable()
export class TrackingQueriesService {
  constructor(
    private readonly experiments: ExperimentsService,
    private readonly runs: RunsService,
    private readonly metrics: MetricQueries,
    private readonly inputs: RunInputsService,
  ) {}

  async createExperiment(
    request: RpcRequest<typeof CreateExperiment>,
  ): Promise<RpcResponse<typeof CreateExperiment>> {
    return experimentView(await this.experiments.create(request));
  }

  async getExperiment(request: RpcRequest<typeof GetExperiment>): Promise<RpcResponse<typeof GetExperiment>> {
    const experiment =
      'experimentId' in request
        ? await this.experiments.get(request.experimentId)
        : await this.experiments.getByName(request.name);
    return experimentView(experiment);
  }

  async getRun(request: RpcRequest<typeof GetRun>): Promise<RpcResponse<typeof GetRun>> {
    const details = await this.runs.getDetails(request.runId);
    const [metrics, inputs] = await Promise.all([
      this.metrics.latestMetrics([request.runId]),
      this.inputs.inputsOf(request.runId),
    ]);
    return { ...runView(details, metrics), inputs };
  }

  metricHistory(request: RpcRequest<typeof GetMetricHistory>): Promise<RpcResponse<typeof GetMetricHistory>> {
    return this.metrics.metricHistory(request.runId, request.key, {
      pageSize: request.pageSize,
      pageToken: request.pageToken,
    });
  }

  async historyBulkInterval(
    request: RpcRequest<typeof GetMetricHistoryBulkInterval>,
  ): Promise<RpcResponse<typeof GetMetricHistoryBulkInterval>> {
    const points = await this.metrics.historyBulkInterval(request);
    return {
      metrics: points.map(({ runId, step, timestamp, value }) => ({
        runId,
        key: request.key,
        step,
        timestamp,
        value,
      })),
    };
  }

  async downsampledHistory(
    request: RpcRequest<typeof GetDownsampledHistory>,
  ): Promise<RpcResponse<typeof GetDownsampledHistory>> {
    const series = await this.metrics.downsampledHistory(request.runIds, request.keys, request.maxPoints);
    return { series: series.map(({ runId, key, points }) => ({ runId, key, points })) };
  }

  async bestRun(request: RpcRequest<typeof GetBestRun>): Promise<RpcResponse<typeof GetBestRun>> {
    const runIds = await this.runs.runIdsOf([request.experimentId]);
    const best = await this.metrics.bestRun(runIds, request.metric, request.mode);
    if (!best) throw new NoRunWithMetricError(request.experimentId, request.metric);
    const [run, summaries] = await Promise.all([
      this.runs.get(best.runId),
      this.metrics.latestMetrics([best.runId], [request.metric]),
    ]);
    return { run: runInfoView(run), metric: metricSummaryView(summaries[0]!) };
  }
}
