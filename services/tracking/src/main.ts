import './instrumentation';
import {
  MetricsBatchLogged,
  MetricsLogged,
  ParamsLogged,
  RunFinished,
  RunStarted,
  TagsSet,
} from '@slipway/contracts';
import { runService } from '@slipway/runtime';
import { AppModule } from './app.module';
import { ArtifactsModule } from './artifacts/artifacts.module';
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
  consumes: [RunStarted, ParamsLogged, MetricsLogged, MetricsBatchLogged, TagsSet, RunFinished],
  // Metric events wait for a batched ClickHouse insert (≤ TRACKING_METRICS_FLUSH_MS): many must be in flight at once.
  consumer: { concurrency: 1024, batch: 256, maxAckPending: 4096 },
  imports: [AppModule, ArtifactsModule.forRoot({ maxBytes: config.ARTIFACTS_MAX_BYTES })],
});
