import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { RelayLifecycle } from './relay.lifecycle';

/** Publishes the registry's stored events to JetStream while the service runs (one publisher across replicas). */
@Module({ imports: [EventStoreModule], providers: [RelayLifecycle] })
export class RelayModule {}
