import { Global, Inject, Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { ClickHouseHandle } from '@slipway/persistence';
import { CLICKHOUSE, DATA_SOURCE } from '@slipway/runtime';
import type { DataSource } from 'typeorm';
import { SearchIndex } from './search-index';

/** Fills the search copy from Postgres at the first start after its migration, in the background. */
@Injectable()
export class SearchIndexBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('SearchIndexBackfill');

  constructor(
    private readonly index: SearchIndex,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    // Searches take the Postgres path until the copy is complete: starting is not held up.
    void this.run().catch((error: unknown) =>
      this.logger.warn(`search copy backfill failed, searches stay on Postgres: ${(error as Error).message}`),
    );
  }

  private async run(): Promise<void> {
    if (await this.index.isReady()) return;
    const copied = await this.index.backfill(this.db);
    this.logger.log(`search copy backfilled: ${copied.runs} runs, ${copied.params} params`);
  }
}

/**
 * The copy of runs and params in ClickHouse that run search filters and orders in one query.
 * Global so that the Postgres-only `RunsModule` picks it up where it exists (an optional
 * dependency of its services) without needing ClickHouse itself.
 */
@Global()
@Module({
  providers: [
    {
      provide: SearchIndex,
      inject: [CLICKHOUSE],
      useFactory: (handle: ClickHouseHandle) => new SearchIndex(handle.client),
    },
    SearchIndexBackfill,
  ],
  exports: [SearchIndex],
})
export class SearchIndexModule {}
