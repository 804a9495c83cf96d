import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics';
import { RunsModule } from '../runs/runs.module';
import { MetricsIngestHandler } from './metrics-ingest.handler';
import { RunIngestHandler } from './run-ingest.handler';
import { RunIngestService } from './run-ingest.service';

/** Run telemetry from `slipway.ingest.runs.>` (JetStream durable consumers shared by replicas). */
@Module({
  imports: [RunsModule, MetricsModule],
  controllers: [RunIngestHandler, MetricsIngestHandler],
  providers: [RunIngestService],
})
export class IngestModule {}
