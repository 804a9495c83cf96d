export * from './tracking-views';
export * from './health.rpc';
export * from './create-experiment.rpc';
export * from './get-experiment.rpc';
export * from './get-run.rpc';
export * from './compare-runs.rpc';
export * from './compare-runs-columns.rpc';
export * from './search-runs.rpc';
export * from './metric-history.rpc';
export * from './downsampled-history.rpc';
export * from './best-run.rpc';
export * from './artifact-views';
export * from './list-artifacts.rpc';
export * from './get-artifact-info.rpc';
export * from './get-experiment-by-name.rpc';
export * from './search-experiments.rpc';
export * from './rename-experiment.rpc';
export * from './delete-experiment.rpc';
export * from './restore-experiment.rpc';
export * from './set-experiment-tag.rpc';
export * from './delete-experiment-tag.rpc';
export * from './create-run.rpc';
export * from './update-run.rpc';
export * from './delete-run.rpc';
export * from './restore-run.rpc';
export * from './log-batch.rpc';
export * from './log-metric.rpc';
export * from './log-param.rpc';
export * from './set-run-tag.rpc';
export * from './log-run-inputs.rpc';
export * from './delete-run-tag.rpc';
export * from './metric-history-bulk-interval.rpc';

import { CreateExperiment } from './create-experiment.rpc';
import { GetExperiment } from './get-experiment.rpc';
import { GetRun } from './get-run.rpc';
import { CompareRuns } from './compare-runs.rpc';
import { CompareRunsColumns } from './compare-runs-columns.rpc';
import { SearchRuns } from './search-runs.rpc';
import { GetMetricHistory } from './metric-history.rpc';
import { GetDownsampledHistory } from './downsampled-history.rpc';
import { GetBestRun } from './best-run.rpc';
import { ListArtifacts } from './list-artifacts.rpc';
import { GetArtifactInfo } from './get-artifact-info.rpc';
import { GetExperimentByName } from './get-experiment-by-name.rpc';
import { SearchExperiments } from './search-experiments.rpc';
import { RenameExperiment } from './rename-experiment.rpc';
import { DeleteExperiment } from './delete-experiment.rpc';
import { RestoreExperiment } from './restore-experiment.rpc';
import { SetExperimentTag } from './set-experiment-tag.rpc';
import { DeleteExperimentTag } from './delete-experiment-tag.rpc';
import { CreateRun } from './create-run.rpc';
import { UpdateRun } from './update-run.rpc';
import { DeleteRun } from './delete-run.rpc';
import { RestoreRun } from './restore-run.rpc';
import { LogBatch } from './log-batch.rpc';
import { LogMetric } from './log-metric.rpc';
import { LogParam } from './log-param.rpc';
import { SetRunTag } from './set-run-tag.rpc';
import { LogRunInputs } from './log-run-inputs.rpc';
import { DeleteRunTag } from './delete-run-tag.rpc';
import { GetMetricHistoryBulkInterval } from './metric-history-bulk-interval.rpc';

/** Every request/reply operation of the tracking service besides health. */
export const TRACKING_RPCS = [
  CreateExperiment,
  GetExperiment,
  GetRun,
  CompareRuns,
  CompareRunsColumns,
  SearchRuns,
  GetMetricHistory,
  GetDownsampledHistory,
  GetBestRun,
  ListArtifacts,
  GetArtifactInfo,
  GetExperimentByName,
  SearchExperiments,
  RenameExperiment,
  DeleteExperiment,
  RestoreExperiment,
  SetExperimentTag,
  DeleteExperimentTag,
  CreateRun,
  UpdateRun,
  DeleteRun,
  RestoreRun,
  LogBatch,
  LogMetric,
  LogParam,
  SetRunTag,
  DeleteRunTag,
  LogRunInputs,
  GetMetricHistoryBulkInterval,
] as const;
