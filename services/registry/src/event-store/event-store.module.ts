import { Module } from '@nestjs/common';
import { EventStore } from './event-store';

/** The registry's event store, on the service's `DATA_SOURCE`. */
@Module({ providers: [EventStore], exports: [EventStore] })
export class EventStoreModule {}
