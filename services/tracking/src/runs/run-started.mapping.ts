import type { RunStartedData } from '@slipway/contracts';
import type { CreateRunInput } from './runs.service';

/** The {@link RunsService.create} input of a `RunStarted` ingest event (its `user` and `source` are MLflow's `user_id` and source name). */
export function createRunInputFromEvent(data: RunStartedData): CreateRunInput {
  return {
    runId: data.runId,
    experimentId: data.experimentId,
    experimentName: data.experimentName,
    runName: data.runName,
    userId: data.user,
    sourceName: data.source,
    gitCommit: data.gitCommit,
    parentRunId: data.parentRunId,
    startTime: data.startTime,
    tags: data.tags ?? [],
  };
}
