import { type DynamicModule, Module } from '@nestjs/common';
import type { GatewayConfig } from './config/gateway.config';
import { GatewayHttpModule } from './gateway-http.module';
import { mlflowRoutes } from './mlflow';

/** The gateway service's features: the one HTTP edge: REST API, MLflow-compatible API, auth, live events. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return { module: AppModule, imports: [GatewayHttpModule.forRoot(config, [mlflowRoutes])] };
  }
}
