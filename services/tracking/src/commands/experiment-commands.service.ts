import { Injectable } from '@nestjs/common';
import type {
  DeleteExperiment,
  DeleteExperimentTag,
  GetExperimentByName,
  RenameExperiment,
  RestoreExperiment,
  RpcRequest,
  RpcResponse,
  SearchExperiments,
  SetExperimentTag,
} from '@slipway/contracts';
import { parseExperimentFilter, parseExperimentOrderBy } from '../experiments/experiment-filter.parser';
import { ExperimentsService } from '../experiments/experiments.service';
import { experimentView } from '../queries/run-views';

/** Experiments over request/reply: lookup by name, search, rename, delete, restore, tags. */
@Injectable()
export class ExperimentCommandsService {
  constructor(private readonly experiments: ExperimentsService) {}

  async getByName(
    request: RpcRequest<typeof GetExperimentByName>,
  ): Promise<RpcResponse<typeof GetExperimentByName>> {
    return experimentView(await this.experiments.getByName(request.name));
  }

  /** MLflow's filter and order_by are parsed here, so the gateway passes them through as written. */
  async search(
    request: RpcRequest<typeof SearchExperiments>,
  ): Promise<RpcResponse<typeof SearchExperiments>> {
    const conditions = parseExperimentFilter(request.filter);
    const orderBy = parseExperimentOrderBy(request.orderBy);
    const page = await this.experiments.search({
      viewType: request.viewType,
      ...conditions,
      ...(orderBy.length > 0 ? { orderBy } : {}),
      maxResults: request.maxResults,
      pageToken: request.pageToken,
    });
    return {
      experiments: page.experiments.map(experimentView),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  }

  async rename(request: RpcRequest<typeof RenameExperiment>): Promise<RpcResponse<typeof RenameExperiment>> {
    return experimentView(await this.experiments.rename(request.experimentId, request.newName));
  }

  async delete(request: RpcRequest<typeof DeleteExperiment>): Promise<RpcResponse<typeof DeleteExperiment>> {
    return experimentView(await this.experiments.delete(request.experimentId));
  }

  async restore(
    request: RpcRequest<typeof RestoreExperiment>,
  ): Promise<RpcResponse<typeof RestoreExperiment>> {
    return experimentView(await this.experiments.restore(request.experimentId));
  }

  async setTag(request: RpcRequest<typeof SetExperimentTag>): Promise<RpcResponse<typeof SetExperimentTag>> {
    const { experimentId, key, value } = request;
    return experimentView(await this.experiments.setTag(experimentId, { key, value }));
  }

  async deleteTag(
    request: RpcRequest<typeof DeleteExperimentTag>,
  ): Promise<RpcResponse<typeof DeleteExperimentTag>> {
    return experimentView(await this.experiments.deleteTag(request.experimentId, request.key));
  }
}
