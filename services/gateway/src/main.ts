import './instrumentation';
import { runService } from '@slipway/runtime';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config/gateway.config';
import { gatewayEntities, gatewayMigrations } from './persistence/gateway.schema';

const config = loadGatewayConfig();

void runService({
  service: 'gateway',
  config,
  postgres: {
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    schema: 'gateway',
    entities: gatewayEntities,
    migrations: gatewayMigrations,
  },
  bodyLimit: config.GATEWAY_BODY_LIMIT_BYTES,
  imports: [AppModule.forRoot(config)],
});
