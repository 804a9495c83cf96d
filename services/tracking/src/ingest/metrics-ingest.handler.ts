import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type CloudEvent, MetricsLogged, type MetricsLoggedData } from '@slipway/contracts';
import { OnEvent } from '@slipway/messaging';
import { MetricPointsWriter } from '../metrics';

/**
 * Metric points from `slipway.ingest.runs.<runId>.metrics`: handed to the batch writer, which
 * resolves once they are in ClickHouse (so the ack follows the insert) and drops a redelivered
 * event's points instead of doubling them.
 */
@Controller()
export class MetricsIngestHandler {
  constructor(private readonly writer: MetricPointsWriter) {}

  @OnEvent(MetricsLogged)
  async metricsLogged(@Payload() event: CloudEvent<MetricsLoggedData>): Promise<void> {
    await this.writer.add(event.id, event.data.runId, event.data.metrics);
  }
}
