import { Inject, Injectable, type OnApplicationShutdown, Optional } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ClickHouseHandle } from '@slipway/persistence';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { NATS_CONNECTION } from './nats/nats.tokens';
import { LOGGER } from './service-name';
import { CLICKHOUSE, DATA_SOURCE } from './service-kit.tokens';

/**
 * Closes the service's connections last, after Nest has closed its transports (so consumers
 * have drained and in-flight handlers have finished writing).
 */
@Injectable()
export class ServiceKitLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Optional() @Inject(DATA_SOURCE) private readonly dataSource?: DataSource,
    @Optional() @Inject(CLICKHOUSE) private readonly clickhouse?: ClickHouseHandle,
  ) {}

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.info({ signal }, 'closing connections');
    await Promise.allSettled([
      this.nc.isClosed() ? Promise.resolve() : this.nc.drain(),
      this.dataSource?.isInitialized ? this.dataSource.destroy() : Promise.resolve(),
      this.clickhouse?.close(),
    ]);
  }
}
