import { Injectable } from '@nestjs/common';
import type { LogBatch, LogBatchResult, LogMetric, RpcRequest } from '@slipway/contracts';
import { randomUUID } from 'node:crypto';
import { MetricPointsWriter } from '../metrics';
import { encodeMetricRows } from '../metrics/metric-points.encoding';
import { ParamsService } from '../runs/params.service';
import { RunInvalidStateError } from '../runs/run.errors';
import { RunsService } from '../runs/runs.service';
import { TagsService } from '../runs/tags.service';

/**
 * The metric event id of an RPC batch. Its own namespace, so a batch id never meets the id of an
 * ingest event; dedup is per run (metric_events is keyed by run and event id).
 */
export function batchEventId(batchId: string): string {
  return `rpc.batch.${batchId}`;
}

/**
 * MLflow log-batch over request/reply: params, then tags, then metrics, each stored before the
 * reply. A param conflict refuses the batch before anything of it is stored; the metric points
 * go through the ingest path's writer under the batch id, so a retried batch never doubles them.
 */
@Injectable()
export class RunBatchService {
  constructor(
    private readonly runs: RunsService,
    private readonly params: ParamsService,
    private readonly tags: TagsService,
    private readonly writer: MetricPointsWriter,
  ) {}

  async logBatch(request: RpcRequest<typeof LogBatch>): Promise<LogBatchResult> {
    const { runId, params, tags } = request;
    const metrics = request.metrics.map((point) => ({ ...point, value: Number(point.value) }));
    const batchId = request.batchId ?? randomUUID();
    const eventId = batchEventId(batchId);
    // Points that cannot be stored (a timestamp past 2299) refuse the batch before params are written.
    encodeMetricRows(eventId, runId, metrics);
    const run = await this.runs.get(runId);
    if (run.lifecycleStage !== 'active') {
      throw new RunInvalidStateError(runId, 'nothing can be logged to a deleted run');
    }
    // Most calls log metrics only: skip the params and tags transactions when there are none.
    const paramsStored = params.length > 0 ? (await this.params.logParams(runId, params)).stored : 0;
    if (tags.length > 0) await this.tags.setTags(runId, tags);
    const outcome =
      metrics.length > 0
        ? await this.writer.add(eventId, runId, metrics, { flushNow: true, freshId: !request.batchId })
        : undefined;
    return {
      runId,
      batchId,
      metricsStored: outcome === 'inserted' ? metrics.length : 0,
      paramsStored,
      tagsSet: new Set(tags.map((t) => t.key)).size,
    };
  }

  logMetric(request: RpcRequest<typeof LogMetric>): Promise<LogBatchResult> {
    const { runId, key, value, step, batchId } = request;
    const timestamp = request.timestamp ?? Date.now();
    return this.logBatch({
      runId,
      batchId,
      metrics: [{ key, value, step, timestamp }],
      params: [],
      tags: [],
    });
  }
}
