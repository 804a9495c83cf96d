import type { FactoryProvider } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connectNats, ensureStreams, EventPublisher } from '@slipway/messaging';
import type { Logger } from 'pino';
import type { DependencyCheck } from '../health/dependency-check';
import { withTimeout } from '../health/dependency-check';
import { LOGGER, SERVICE_NAME } from '../service-name';
import { SERVICE_KIT_OPTIONS } from '../service-kit.tokens';
import type { ServiceKitOptions } from '../service-kit.options';
import { EVENT_PUBLISHER, NATS_CONNECTION } from './nats.tokens';

/** Connects to NATS (reconnecting forever) and makes sure the streams exist before the service starts. */
export const natsConnectionProvider: FactoryProvider<NatsConnection> = {
  provide: NATS_CONNECTION,
  inject: [SERVICE_KIT_OPTIONS, SERVICE_NAME, LOGGER],
  useFactory: async (options: ServiceKitOptions, service: string, logger: Logger) => {
    const nc = await connectNats({ servers: options.config.NATS_URL, name: `slipway-${service}`, logger });
    await ensureStreams(await jetstreamManager(nc), options.config.SLIPWAY_SUBJECT_ROOT);
    return nc;
  },
};

export const eventPublisherProvider: FactoryProvider<EventPublisher> = {
  provide: EVENT_PUBLISHER,
  inject: [NATS_CONNECTION, SERVICE_KIT_OPTIONS, SERVICE_NAME],
  useFactory: (nc: NatsConnection, options: ServiceKitOptions, service: string) =>
    new EventPublisher(jetstream(nc), options.config.SLIPWAY_SUBJECT_ROOT, `/slipway/${service}`),
};

/** NATS is up when a round trip to the server (flush) completes. */
export function natsCheck(nc: NatsConnection): DependencyCheck {
  return {
    name: 'nats',
    check: async () => {
      if (nc.isClosed()) throw new Error('connection closed');
      await withTimeout(nc.flush(), 1_500, 'nats');
    },
  };
}
