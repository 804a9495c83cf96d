import { Module } from '@nestjs/common';
import { EventStoreModule } from './event-store/event-store.module';
import { RelayModule } from './relay/relay.module';
import { RegistryRpcModule } from './rpc/registry-rpc.module';

/**
 * The registry service: its event store (the truth), the commands, read models and time-travel
 * queries over request/reply, and the relay that publishes stored events to `slipway.evt.registry.>`.
 */
@Module({ imports: [EventStoreModule, RelayModule, RegistryRpcModule] })
export class AppModule {}
