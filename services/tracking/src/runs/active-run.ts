import type { Queryable } from '../persistence/queryable';
import type { Run } from './run.entity';
import { RunInvalidStateError, RunNotFoundError } from './run.errors';
import type { RunsRepository } from './runs.repository';

/**
 * The run, share-locked until the transaction of `db` ends, for a write to its data (params,
 * tags, inputs): {@link RunNotFoundError} when there is none, {@link RunInvalidStateError} with
 * `refusal` when it is deleted.
 */
export async function lockActiveRun(
  runs: RunsRepository,
  db: Queryable,
  runId: string,
  refusal: string,
): Promise<Run> {
  const run = await runs.findById(db, runId, 'share');
  if (!run) throw new RunNotFoundError(runId);
  if (run.lifecycleStage !== 'active') throw new RunInvalidStateError(runId, refusal);
  return run;
}
