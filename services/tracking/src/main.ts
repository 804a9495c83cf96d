import './instrumentation';
import { runService } from '@slipway/runtime';
import { AppModule } from './app.module';
import { loadTrackingConfig } from './config/tracking.config';
import { trackingEntities, trackingMigrations } from './persistence/tracking.schema';
import { trackingClickHouseMigrations } from './persistence/tracking.clickhouse-migrations';

const config = loadTrackingConfig();

void runService({
  service: 'tracking',
  config,
  postgres: {
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    schema: 'tracking',
    entities: trackingEntities,
    migrations: trackingMigrations,
  },
  clickhouse: {
    url: config.CLICKHOUSE_URL,
    dataPath: config.CLICKHOUSE_DATA_PATH,
    database: config.CLICKHOUSE_DATABASE,
    migrations: trackingClickHouseMigrations,
  },
  imports: [AppModule],
});
