import { Module, type Provider } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module';
import { RunSearchService } from '../search/sql/run-search.service';
import { ParamsService } from './params.service';
import { RunDataRepository } from './run-data.repository';
import { RunInputsRepository } from './run-inputs.repository';
import { RunInputsService } from './run-inputs.service';
import { RunsRepository } from './runs.repository';
import { RunsService } from './runs.service';
import { TagsService } from './tags.service';

/** Repositories of runs, params, tags and dataset inputs. */
export const RUN_REPOSITORIES: Provider[] = [RunsRepository, RunDataRepository, RunInputsRepository];
/** Services the NATS handlers and RPC controllers call. */
export const RUN_SERVICES: Provider[] = [
  RunsService,
  ParamsService,
  TagsService,
  RunInputsService,
  RunSearchService,
];

/** Runs, params, tags and run search in Postgres; `DATA_SOURCE` comes from the global service kit. */
@Module({
  imports: [ExperimentsModule],
  providers: [...RUN_REPOSITORIES, ...RUN_SERVICES],
  exports: RUN_SERVICES,
})
export class RunsModule {}
