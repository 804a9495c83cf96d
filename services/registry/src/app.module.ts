import { Module } from '@nestjs/common';
import { EventStoreModule } from './event-store/event-store.module';
import { RelayModule } from './relay/relay.module';

/**
 * The registry service: its event store (the truth) and the relay that publishes stored events
 * to `slipway.evt.registry.>`. Commands, read models and the promotion workflow are next (issue 4).
 */
@Module({ imports: [EventStoreModule, RelayModule] })
export class AppModule {}
