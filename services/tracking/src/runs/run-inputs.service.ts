import { Inject, Injectable, Optional } from '@nestjs/common';
import { type DatasetInput, LogRunInputs, parseOrThrow, runIdSchema } from '@slipway/contracts';
import { DATA_SOURCE } from '@slipway/runtime';
import type { DataSource } from 'typeorm';
import { RunInputsRepository } from './run-inputs.repository';
import { lockActiveRun } from './active-run';
import { RunsRepository } from './runs.repository';

/** Datasets used by runs (MLflow log-inputs), stored once per experiment by name and digest. */
@Injectable()
export class RunInputsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Optional() private readonly runs: RunsRepository = new RunsRepository(),
    @Optional() private readonly inputs: RunInputsRepository = new RunInputsRepository(),
  ) {}

  /**
   * Records datasets as inputs of an active run, all or none. A dataset of the run's experiment
   * with the same name and digest is reused (its source, schema and profile are not changed), and
   * an input the run already has is left as it is, as in MLflow.
   */
  async logInputs(runId: string, datasets: readonly DatasetInput[]): Promise<void> {
    const request = parseOrThrow(LogRunInputs.request, { runId, datasets }, 'dataset inputs');
    if (request.datasets.length === 0) return;
    await this.db.transaction(async (tx) => {
      const run = await lockActiveRun(this.runs, tx, runId, 'inputs cannot be logged to a deleted run');
      for (const input of request.datasets) {
        const datasetId = await this.inputs.datasetId(tx, run.experimentId, input.dataset);
        await this.inputs.addInput(tx, runId, datasetId, input.tags);
      }
    });
  }

  /** The run's dataset inputs (empty for a run without any). */
  async inputsOf(runId: string): Promise<DatasetInput[]> {
    parseOrThrow(runIdSchema, runId, 'run id');
    return (await this.inputs.inputsOf(this.db, [runId])).get(runId) ?? [];
  }

  /** The dataset inputs of each of these runs (runs without any are absent). */
  inputsOfRuns(runIds: readonly string[]): Promise<Map<string, DatasetInput[]>> {
    return this.inputs.inputsOf(this.db, runIds);
  }
}
