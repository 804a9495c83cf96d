import { Module } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module';
import { MetricsModule } from '../metrics';
import { RunsModule } from '../runs/runs.module';
import { CompareColumnsRepository } from './compare-columns.repository';
import { CompareColumnsService } from './compare-columns.service';
import { CompareRunsService } from './compare-runs.service';
import { SearchRunsService } from './search-runs.service';
import { TrackingQueriesService } from './tracking-queries.service';
import { TrackingRpcController } from './tracking.rpc-controller';

/** The read side of tracking over request/reply: compare, search, histories, best run. */
@Module({
  imports: [ExperimentsModule, RunsModule, MetricsModule],
  controllers: [TrackingRpcController],
  providers: [
    TrackingQueriesService,
    CompareRunsService,
    CompareColumnsService,
    CompareColumnsRepository,
    SearchRunsService,
  ],
})
export class QueriesModule {}
