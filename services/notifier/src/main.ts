import './instrumentation';
import { runService } from '@slipway/runtime';
import { AppModule } from './app.module';
import { loadNotifierConfig } from './config/notifier.config';
import { notifierEntities, notifierMigrations } from './persistence/notifier.schema';

const config = loadNotifierConfig();

void runService({
  service: 'notifier',
  config,
  postgres: {
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    schema: 'notifier',
    entities: notifierEntities,
    migrations: notifierMigrations,
  },
  imports: [AppModule],
});
