import { Controller } from '@nestjs/common';
import {
  DeleteExperiment,
  DeleteExperimentTag,
  GetExperimentByName,
  RenameExperiment,
  RestoreExperiment,
  type RpcRequest,
  type RpcResponse,
  SearchExperiments,
  SetExperimentTag,
} from '@slipway/contracts';
import { RpcMethod } from '@slipway/runtime';
import { ExperimentCommandsService } from './experiment-commands.service';

/** Experiment requests of `slipway.rpc.tracking.experiment.*`: parse, delegate, return. */
@Controller()
export class ExperimentsRpcController {
  constructor(private readonly experiments: ExperimentCommandsService) {}

  @RpcMethod(GetExperimentByName)
  getByName(
    request: RpcRequest<typeof GetExperimentByName>,
  ): Promise<RpcResponse<typeof GetExperimentByName>> {
    return this.experiments.getByName(request);
  }

  @RpcMethod(SearchExperiments)
  search(request: RpcRequest<typeof SearchExperiments>): Promise<RpcResponse<typeof SearchExperiments>> {
    return this.experiments.search(request);
  }

  @RpcMethod(RenameExperiment)
  rename(request: RpcRequest<typeof RenameExperiment>): Promise<RpcResponse<typeof RenameExperiment>> {
    return this.experiments.rename(request);
  }

  @RpcMethod(DeleteExperiment)
  delete(request: RpcRequest<typeof DeleteExperiment>): Promise<RpcResponse<typeof DeleteExperiment>> {
    return this.experiments.delete(request);
  }

  @RpcMethod(RestoreExperiment)
  restore(request: RpcRequest<typeof RestoreExperiment>): Promise<RpcResponse<typeof RestoreExperiment>> {
    return this.experiments.restore(request);
  }

  @RpcMethod(SetExperimentTag)
  setTag(request: RpcRequest<typeof SetExperimentTag>): Promise<RpcResponse<typeof SetExperimentTag>> {
    return this.experiments.setTag(request);
  }

  @RpcMethod(DeleteExperimentTag)
  deleteTag(
    request: RpcRequest<typeof DeleteExperimentTag>,
  ): Promise<RpcResponse<typeof DeleteExperimentTag>> {
    return this.experiments.deleteTag(request);
  }
}
