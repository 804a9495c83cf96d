import './instrumentation';
import { runService } from '@slipway/runtime';
import { AppModule } from './app.module';
import { loadRegistryConfig } from './config/registry.config';
import { registryEntities, registryMigrations } from './persistence/registry.schema';

const config = loadRegistryConfig();

void runService({
  service: 'registry',
  config,
  postgres: {
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    schema: 'registry',
    entities: registryEntities,
    migrations: registryMigrations,
  },
  imports: [AppModule],
});
