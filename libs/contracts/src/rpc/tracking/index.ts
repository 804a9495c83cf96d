export * from './tracking-views';
export * from './health.rpc';
export * from './create-experiment.rpc';
export * from './get-experiment.rpc';
export * from './get-run.rpc';
export * from './compare-runs.rpc';
export * from './search-runs.rpc';
export * from './metric-history.rpc';
export * from './downsampled-history.rpc';
export * from './best-run.rpc';
export * from './artifact-views';
export * from './list-artifacts.rpc';
export * from './get-artifact-info.rpc';

import { CreateExperiment } from './create-experiment.rpc';
import { GetExperiment } from './get-experiment.rpc';
import { GetRun } from './get-run.rpc';
import { CompareRuns } from './compare-runs.rpc';
import { SearchRuns } from './search-runs.rpc';
import { GetMetricHistory } from './metric-history.rpc';
import { GetDownsampledHistory } from './downsampled-history.rpc';
import { GetBestRun } from './best-run.rpc';
import { ListArtifacts } from './list-artifacts.rpc';
import { GetArtifactInfo } from './get-artifact-info.rpc';

/** Every request/reply operation of the tracking service besides health. */
export const TRACKING_RPCS = [
  CreateExperiment,
  GetExperiment,
  GetRun,
  CompareRuns,
  SearchRuns,
  GetMetricHistory,
  GetDownsampledHistory,
  GetBestRun,
  ListArtifacts,
  GetArtifactInfo,
] as const;
