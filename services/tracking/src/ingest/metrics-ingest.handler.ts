import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  type CloudEvent,
  MetricsBatchLogged,
  type MetricsBatchLoggedData,
  MetricsLogged,
  type MetricsLoggedData,
} from '@slipway/contracts';
import { OnEvent } from '@slipway/messaging';
import { MetricPointsWriter } from '../metrics';

/**
 * Metric points from `slipway.ingest.runs.<runId>.metrics` and from the gateway's coalesced
 * `slipway.ingest.metrics.batch`: handed to the batch writer, which resolves once they are in
 * ClickHouse (so the ack follows the insert) and drops a redelivered event's points instead of
 * doubling them.
 */
@Controller()
export class MetricsIngestHandler {
  constructor(private readonly writer: MetricPointsWriter) {}

  @OnEvent(MetricsLogged)
  async metricsLogged(@Payload() event: CloudEvent<MetricsLoggedData>): Promise<void> {
    await this.writer.add(event.id, event.data.runId, event.data.metrics);
  }

  /**
   * All runs' points are stored in one insert under the event's id (a redelivery is recognised as
   * a whole); the event is acked once they are.
   */
  @OnEvent(MetricsBatchLogged)
  async metricsBatchLogged(@Payload() event: CloudEvent<MetricsBatchLoggedData>): Promise<void> {
    await this.writer.addRuns(
      event.id,
      event.data.runs.map((run) => ({ runId: run.runId, points: run.metrics })),
    );
  }
}
