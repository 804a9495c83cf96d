import { Module } from '@nestjs/common';
import { IngestModule } from './ingest/ingest.module';
import { QueriesModule } from './queries/queries.module';

/** The tracking service: run telemetry in (ingest), comparisons and searches out (queries). */
@Module({ imports: [IngestModule, QueriesModule] })
export class AppModule {}
