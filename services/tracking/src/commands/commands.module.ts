import { Module } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module';
import { MetricsModule } from '../metrics';
import { RunsModule } from '../runs/runs.module';
import { ExperimentCommandsService } from './experiment-commands.service';
import { ExperimentsRpcController } from './experiments.rpc-controller';
import { RunBatchService } from './run-batch.service';
import { RunCommandsService } from './run-commands.service';
import { RunsRpcController } from './runs.rpc-controller';

/**
 * The write side of tracking over request/reply (what the gateway's REST and MLflow APIs call):
 * experiments and runs changed synchronously, the reply following the stored write.
 */
@Module({
  imports: [ExperimentsModule, RunsModule, MetricsModule],
  controllers: [ExperimentsRpcController, RunsRpcController],
  providers: [ExperimentCommandsService, RunCommandsService, RunBatchService],
})
export class CommandsModule {}
