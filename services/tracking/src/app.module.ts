import { Module } from '@nestjs/common';
import { CommandsModule } from './commands/commands.module';
import { IngestModule } from './ingest/ingest.module';
import { QueriesModule } from './queries/queries.module';
import { SearchIndexModule } from './search-index';

/** The tracking service: run telemetry in (ingest), writes over request/reply (commands), comparisons and searches out (queries). */
@Module({ imports: [SearchIndexModule, IngestModule, CommandsModule, QueriesModule] })
export class AppModule {}
