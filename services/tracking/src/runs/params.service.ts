import { Inject, Injectable, Optional } from '@nestjs/common';
import { paramSchema, parseOrThrow, runIdSchema, TRACKING_LIMITS, type Param } from '@slipway/contracts';
import { DATA_SOURCE } from '@slipway/runtime';
import { SearchIndex } from '../search-index/search-index';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Queryable } from '../persistence/queryable';
import { lockActiveRun } from './active-run';
import { RunDataRepository } from './run-data.repository';
import type { Run } from './run.entity';
import { ParamConflictError, type ParamConflict } from './run.errors';
import { RunsRepository } from './runs.repository';

/** A batch of params: at most 100 (MLflow's limit), keys ≤ 250 and values ≤ 6000 characters. */
export const paramBatchSchema = z.object({
  params: z
    .array(paramSchema)
    .max(TRACKING_LIMITS.paramsPerEvent, `at most ${TRACKING_LIMITS.paramsPerEvent} params per batch`),
});

/** Params of runs: logged once per key, never changed. */
@Injectable()
export class ParamsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Optional() private readonly runs: RunsRepository = new RunsRepository(),
    @Optional() private readonly data: RunDataRepository = new RunDataRepository(),
    @Optional() private readonly searchIndex?: SearchIndex,
  ) {}

  /**
   * Logs params of an active run, all or none. A key logged before with the same value is
   * accepted (a redelivered batch changes nothing); with another value the whole batch is refused
   * with {@link ParamConflictError} naming the key, the logged value and the new one.
   * Returns how many keys were new.
   */
  async logParams(runId: string, params: readonly Param[]): Promise<{ stored: number }> {
    parseOrThrow(runIdSchema, runId, 'run id');
    const batch = dedupe(runId, parseOrThrow(paramBatchSchema, { params }, 'param batch').params);
    if (batch.length === 0) return { stored: 0 };
    const result = await this.db.transaction(async (tx) => {
      const run = await this.activeRun(tx, runId);
      const stored = await this.data.insertParams(tx, runId, batch);
      if (stored < batch.length) {
        const logged = await this.data.paramValues(
          tx,
          runId,
          batch.map((p) => p.key),
        );
        const conflicts: ParamConflict[] = batch
          .filter((p) => logged.has(p.key) && logged.get(p.key) !== p.value)
          .map((p) => ({ key: p.key, loggedValue: logged.get(p.key) ?? '', newValue: p.value }));
        if (conflicts.length > 0) throw new ParamConflictError(runId, conflicts);
      }
      return { stored, run };
    });
    // After the commit, also on a repeat: the copy may have missed it (a crash between the writes).
    await this.searchIndex?.paramsLogged(result.run, batch);
    return { stored: result.stored };
  }

  private activeRun(db: Queryable, runId: string): Promise<Run> {
    return lockActiveRun(this.runs, db, runId, 'params cannot be logged to a deleted run');
  }
}

/** One param per key: repeats with the same value collapse, repeats with another value conflict. */
function dedupe(runId: string, params: readonly Param[]): Param[] {
  const byKey = new Map<string, string>();
  const conflicts: ParamConflict[] = [];
  for (const { key, value } of params) {
    const first = byKey.get(key);
    if (first === undefined) byKey.set(key, value);
    else if (first !== value) conflicts.push({ key, loggedValue: first, newValue: value });
  }
  if (conflicts.length > 0) throw new ParamConflictError(runId, conflicts, 'batch');
  return [...byKey].map(([key, value]) => ({ key, value }));
}
