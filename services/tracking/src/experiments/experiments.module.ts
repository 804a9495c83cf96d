import { Module, type Provider } from '@nestjs/common';
import { ExperimentsRepository } from './experiments.repository';
import { ExperimentsService } from './experiments.service';

/** Providers of experiments; `DATA_SOURCE` comes from the global service kit. */
export const EXPERIMENT_PROVIDERS: Provider[] = [ExperimentsRepository, ExperimentsService];

/** Experiments in Postgres. Provide `TRACKING_ARTIFACT_ROOT` to change where artifacts go. */
@Module({ providers: EXPERIMENT_PROVIDERS, exports: [ExperimentsService, ExperimentsRepository] })
export class ExperimentsModule {}
