import { Module } from '@nestjs/common';
import { EventStoreModule } from '../event-store/event-store.module';
import { RegistryCommandsService } from '../commands/registry-commands.service';
import { TrackingMetricsClient } from '../commands/tracking-metrics.client';
import { ReadModelRebuilder } from '../read-models/read-model.rebuilder';
import { RegistryQueriesService } from '../read-models/registry-queries.service';
import { RegistrySearchService } from '../read-models/registry-search.service';
import { ModelEditsRpcController } from './model-edits.rpc-controller';
import { ModelEditsRpcService } from './model-edits.rpc-service';
import { RegistryRpcController } from './registry.rpc-controller';
import { RegistrySearchRpcController } from './registry-search.rpc-controller';
import { RegistryRpcService } from './registry-rpc.service';

const commandProviders = [
  RegistryCommandsService,
  RegistryRpcService,
  ModelEditsRpcService,
  TrackingMetricsClient,
];
const readModelProviders = [RegistryQueriesService, RegistrySearchService, ReadModelRebuilder];

/** The registry's commands, read models and time-travel queries over request/reply. */
@Module({
  imports: [EventStoreModule],
  controllers: [RegistryRpcController, ModelEditsRpcController, RegistrySearchRpcController],
  providers: [...commandProviders, ...readModelProviders],
  exports: [RegistryCommandsService, RegistryQueriesService, ReadModelRebuilder],
})
export class RegistryRpcModule {}
