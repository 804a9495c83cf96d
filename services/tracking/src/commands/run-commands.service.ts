import { Inject, Injectable } from '@nestjs/common';
import {
  type CreateRun,
  type DeleteRun,
  type DeleteRunTag,
  type LogParam,
  type LogRunInputs,
  type RestoreRun,
  type RpcRequest,
  type RpcResponse,
  RunCreated,
  RunStatusChanged,
  type SetRunTag,
  type UpdateRun,
} from '@slipway/contracts';
import type { EventPublisher } from '@slipway/messaging';
import { EVENT_PUBLISHER } from '@slipway/runtime';
import { randomUUID } from 'node:crypto';
import { MetricQueries } from '../metrics';
import { runInfoView, runView } from '../queries/run-views';
import { ParamsService } from '../runs/params.service';
import { RunInputsService } from '../runs/run-inputs.service';
import { runCreatedData, runStatusChangedData } from '../runs/run-events';
import { RunsService } from '../runs/runs.service';
import { MlflowTags } from '../runs/system-tags';
import { TagsService } from '../runs/tags.service';
import { randomRunName } from './random-run-name';

/**
 * Runs over request/reply: each reply follows the stored write, and announces what the ingest
 * path announces (`RunCreated`, `RunStatusChanged`).
 */
@Injectable()
export class RunCommandsService {
  constructor(
    private readonly runs: RunsService,
    private readonly params: ParamsService,
    private readonly tags: TagsService,
    private readonly inputs: RunInputsService,
    private readonly metrics: MetricQueries,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
  ) {}

  /**
   * A run without a name (field or `mlflow.runName` tag) gets a random one, as in MLflow.
   * `RunCreated` has an id derived from the run, so a retried create is announced once (JetStream dedup).
   */
  async create(request: RpcRequest<typeof CreateRun>): Promise<RpcResponse<typeof CreateRun>> {
    const named = request.runName !== undefined || request.tags.some((t) => t.key === MlflowTags.RUN_NAME);
    const { run } = await this.runs.create(named ? request : { ...request, runName: randomRunName() });
    await this.publisher.publish(RunCreated, runCreatedData(run), { id: `run.${run.runId}.created` });
    const [details, summaries] = await Promise.all([
      this.runs.getDetails(run.runId),
      this.metrics.latestMetrics([run.runId]),
    ]);
    return runView(details, summaries);
  }

  async update(request: RpcRequest<typeof UpdateRun>): Promise<RpcResponse<typeof UpdateRun>> {
    const { runId, ...changes } = request;
    const { run, previousStatus, changed } = await this.runs.update(runId, changes);
    if (changed && previousStatus !== run.status) {
      await this.publisher.publish(RunStatusChanged, runStatusChangedData(run, previousStatus), {
        id: `run.${runId}.status.${randomUUID()}`,
      });
    }
    return runInfoView(run);
  }

  async delete(request: RpcRequest<typeof DeleteRun>): Promise<RpcResponse<typeof DeleteRun>> {
    return runInfoView(await this.runs.delete(request.runId));
  }

  async restore(request: RpcRequest<typeof RestoreRun>): Promise<RpcResponse<typeof RestoreRun>> {
    return runInfoView(await this.runs.restore(request.runId));
  }

  async logParam(request: RpcRequest<typeof LogParam>): Promise<RpcResponse<typeof LogParam>> {
    const { runId, key, value } = request;
    const { stored } = await this.params.logParams(runId, [{ key, value }]);
    return { stored: stored > 0 };
  }

  async setTag(request: RpcRequest<typeof SetRunTag>): Promise<RpcResponse<typeof SetRunTag>> {
    const { runId, key, value } = request;
    await this.tags.setTags(runId, [{ key, value }]);
    return {};
  }

  async logInputs(request: RpcRequest<typeof LogRunInputs>): Promise<RpcResponse<typeof LogRunInputs>> {
    await this.inputs.logInputs(request.runId, request.datasets);
    return {};
  }

  async deleteTag(request: RpcRequest<typeof DeleteRunTag>): Promise<RpcResponse<typeof DeleteRunTag>> {
    await this.tags.deleteTag(request.runId, request.key);
    return {};
  }
}
