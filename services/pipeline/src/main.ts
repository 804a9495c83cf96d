import './instrumentation';
import { runService } from '@slipway/runtime';
import { AppModule } from './app.module';
import { loadPipelineConfig } from './config/pipeline.config';
import { pipelineEntities, pipelineMigrations } from './persistence/pipeline.schema';

const config = loadPipelineConfig();

void runService({
  service: 'pipeline',
  config,
  postgres: {
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    schema: 'pipeline',
    entities: pipelineEntities,
    migrations: pipelineMigrations,
  },
  imports: [AppModule],
});
