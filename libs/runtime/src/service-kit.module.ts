import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { HEALTH_RPCS } from '@slipway/contracts';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ClickHouseHandle } from '@slipway/persistence';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { clickhouseCheck, clickhouseProvider } from './clickhouse/clickhouse.providers';
import { DEPENDENCY_CHECKS, type DependencyCheck } from './health/dependency-check';
import { HealthController } from './health/health.controller';
import { createHealthRpcController } from './health/health-rpc.controller';
import { HealthService } from './health/health.service';
import { MetricsController } from './metrics/metrics.controller';
import { eventPublisherProvider, natsCheck, natsConnectionProvider } from './nats/nats.providers';
import { EVENT_PUBLISHER, NATS_CONNECTION } from './nats/nats.tokens';
import { postgresCheck, postgresProvider } from './postgres/postgres.providers';
import { LOGGER, SERVICE_NAME } from './service-name';
import { ServiceKitLifecycle } from './service-kit.lifecycle';
import type { ServiceKitOptions } from './service-kit.options';
import { CLICKHOUSE, DATA_SOURCE, SERVICE_KIT_OPTIONS } from './service-kit.tokens';

/**
 * What every Slipway service shares: NATS connection and publisher, its own Postgres schema
 * and ClickHouse database when it has them, health over HTTP and NATS, Prometheus metrics.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitOptions, logger: Logger): DynamicModule {
    const healthRpc = HEALTH_RPCS[options.service as keyof typeof HEALTH_RPCS];
    if (!healthRpc) throw new Error(`no health RPC is defined for service "${options.service}"`);

    const stores: Provider[] = [];
    const checkTokens: symbol[] = [NATS_CONNECTION];
    if (options.postgres) {
      stores.push(postgresProvider(options.postgres));
      checkTokens.push(DATA_SOURCE);
    }
    if (options.clickhouse) {
      stores.push(clickhouseProvider(options.clickhouse));
      checkTokens.push(CLICKHOUSE);
    }
    const checks: Provider = {
      provide: DEPENDENCY_CHECKS,
      inject: checkTokens,
      useFactory: (...deps: unknown[]): DependencyCheck[] =>
        checkTokens.map((token, i) => {
          if (token === DATA_SOURCE) return postgresCheck(deps[i] as DataSource);
          if (token === CLICKHOUSE) return clickhouseCheck(deps[i] as ClickHouseHandle);
          return natsCheck(deps[i] as NatsConnection);
        }),
    };

    return {
      module: ServiceKitModule,
      controllers: [HealthController, MetricsController, createHealthRpcController(healthRpc.subject)],
      providers: [
        { provide: SERVICE_KIT_OPTIONS, useValue: options },
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: LOGGER, useValue: logger },
        natsConnectionProvider,
        eventPublisherProvider,
        ...stores,
        checks,
        HealthService,
        ServiceKitLifecycle,
      ],
      exports: [
        // The service's validated config travels in it: modules read their own settings there.
        SERVICE_KIT_OPTIONS,
        SERVICE_NAME,
        LOGGER,
        NATS_CONNECTION,
        EVENT_PUBLISHER,
        HealthService,
        ...(options.postgres ? [DATA_SOURCE] : []),
        ...(options.clickhouse ? [CLICKHOUSE] : []),
      ],
    };
  }
}
