import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EventPublisher } from '@slipway/messaging';
import { DATA_SOURCE, EVENT_PUBLISHER, LOGGER } from '@slipway/runtime';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { EventStore } from '../event-store';
import { EventRelay } from './event-relay';

/**
 * Runs the JetStream relay for the service's lifetime: started once the app is up, stopped
 * before the connections close (`beforeApplicationShutdown` runs ahead of the service kit's
 * `onApplicationShutdown`, which drains NATS and destroys the data source).
 */
@Injectable()
export class RelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: EventRelay;

  constructor(
    store: EventStore,
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Inject(EVENT_PUBLISHER) publisher: EventPublisher,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.relay = new EventRelay(store, dataSource, publisher, { logger });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
