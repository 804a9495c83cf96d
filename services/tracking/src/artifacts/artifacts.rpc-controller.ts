import { Controller } from '@nestjs/common';
import type { RpcRequest, RpcResponse } from '@slipway/contracts';
import { RpcMethod } from '@slipway/runtime';
import { ArtifactsService } from './artifacts.service';
import { GetArtifactInfo } from '@slipway/contracts';
import { ListArtifacts } from '@slipway/contracts';

/** Artifact request/reply of the tracking service (`slipway.rpc.tracking.artifacts.*`): parse, delegate, return. */
@Controller()
export class ArtifactsRpcController {
  constructor(private readonly artifacts: ArtifactsService) {}

  @RpcMethod(ListArtifacts)
  list(request: RpcRequest<typeof ListArtifacts>): Promise<RpcResponse<typeof ListArtifacts>> {
    return this.artifacts.list(request);
  }

  @RpcMethod(GetArtifactInfo)
  info(request: RpcRequest<typeof GetArtifactInfo>): Promise<RpcResponse<typeof GetArtifactInfo>> {
    return this.artifacts.info(request);
  }
}
