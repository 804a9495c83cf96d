import { Controller } from '@nestjs/common';
import {
  CreateRun,
  DeleteRun,
  DeleteRunTag,
  LogBatch,
  LogMetric,
  LogParam,
  RestoreRun,
  type RpcRequest,
  type RpcResponse,
  SetRunTag,
  LogRunInputs,
  UpdateRun,
} from '@slipway/contracts';
import { RpcMethod } from '@slipway/runtime';
import { RunBatchService } from './run-batch.service';
import { RunCommandsService } from './run-commands.service';

/** Run writes of `slipway.rpc.tracking.run.*`: parse, delegate, return after the write is stored. */
@Controller()
export class RunsRpcController {
  constructor(
    private readonly runs: RunCommandsService,
    private readonly batches: RunBatchService,
  ) {}

  @RpcMethod(CreateRun)
  create(request: RpcRequest<typeof CreateRun>): Promise<RpcResponse<typeof CreateRun>> {
    return this.runs.create(request);
  }

  @RpcMethod(UpdateRun)
  update(request: RpcRequest<typeof UpdateRun>): Promise<RpcResponse<typeof UpdateRun>> {
    return this.runs.update(request);
  }

  @RpcMethod(DeleteRun)
  delete(request: RpcRequest<typeof DeleteRun>): Promise<RpcResponse<typeof DeleteRun>> {
    return this.runs.delete(request);
  }

  @RpcMethod(RestoreRun)
  restore(request: RpcRequest<typeof RestoreRun>): Promise<RpcResponse<typeof RestoreRun>> {
    return this.runs.restore(request);
  }

  @RpcMethod(LogBatch)
  logBatch(request: RpcRequest<typeof LogBatch>): Promise<RpcResponse<typeof LogBatch>> {
    return this.batches.logBatch(request);
  }

  @RpcMethod(LogMetric)
  logMetric(request: RpcRequest<typeof LogMetric>): Promise<RpcResponse<typeof LogMetric>> {
    return this.batches.logMetric(request);
  }

  @RpcMethod(LogParam)
  logParam(request: RpcRequest<typeof LogParam>): Promise<RpcResponse<typeof LogParam>> {
    return this.runs.logParam(request);
  }

  @RpcMethod(SetRunTag)
  setTag(request: RpcRequest<typeof SetRunTag>): Promise<RpcResponse<typeof SetRunTag>> {
    return this.runs.setTag(request);
  }

  @RpcMethod(LogRunInputs)
  logInputs(request: RpcRequest<typeof LogRunInputs>): Promise<RpcResponse<typeof LogRunInputs>> {
    return this.runs.logInputs(request);
  }

  @RpcMethod(DeleteRunTag)
  deleteTag(request: RpcRequest<typeof DeleteRunTag>): Promise<RpcResponse<typeof DeleteRunTag>> {
    return this.runs.deleteTag(request);
  }
}
