import type { RunCreatedData, RunStatus, RunStatusChangedData } from '@slipway/contracts';
import type { Run } from './run.entity';

/** The `RunCreated` announcement of a stored run (ingest and RPC publish the same). */
export function runCreatedData(run: Run): RunCreatedData {
  return {
    runId: run.runId,
    experimentId: run.experimentId,
    runName: run.runName,
    user: run.userId,
    parentRunId: run.parentRunId,
    startTime: run.startTime,
  };
}

/** The `RunStatusChanged` announcement of a run that was `from` and is now as stored. */
export function runStatusChangedData(run: Run, from: RunStatus): RunStatusChangedData {
  return { runId: run.runId, experimentId: run.experimentId, from, to: run.status, endTime: run.endTime };
}
