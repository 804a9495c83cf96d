import './instrumentation';
import { runService } from '@slipway/runtime';
import { AppModule } from './app.module';
import { loadServingConfig } from './config/serving.config';
import { servingClickHouseMigrations } from './persistence/serving.clickhouse-migrations';

const config = loadServingConfig();

void runService({
  service: 'serving',
  config,
  clickhouse: {
    url: config.CLICKHOUSE_URL,
    dataPath: config.CLICKHOUSE_DATA_PATH,
    database: config.CLICKHOUSE_DATABASE,
    migrations: servingClickHouseMigrations,
  },
  imports: [AppModule],
});
