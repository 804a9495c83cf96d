import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { RegistryCommandsService } from '../commands/registry-commands.service';
import { TrackingMetricsClient } from '../commands/tracking-metrics.client';
import { ReadModelRebuilder } from '../read-models/read-model.rebuilder';
import { RegistryQueriesService } from '../read-models/registry-queries.service';
import { RegistryRpcController } from './registry.rpc-controller';
import { RegistryRpcService } from './registry-rpc.service';

const commandProviders = [RegistryCommandsService, RegistryRpcService, TrackingMetricsClient];
const readModelProviders = [RegistryQueriesService, ReadModelRebuilder];

/** The registry's commands, read models and time-travel queries over request/reply. */
@Module({
  imports: [EventStoreModule],
  controllers: [RegistryRpcController],
  providers: [...commandProviders, ...readModelProviders],
  exports: [RegistryCommandsService, RegistryQueriesService, ReadModelRebuilder],
})
export class RegistryRpcModule {}
