import { Controller } from '@nestjs/common';
import {
  DeleteModel,
  DeleteModelTag,
  DeleteModelVersion,
  DeleteModelVersionTag,
  RenameModel,
  type RpcRequest,
  type RpcResponse,
  SetModelDescription,
  SetModelTags,
  SetModelVersionDescription,
  SetModelVersionTags,
} from '@slipway/contracts';
import { RpcMethod } from '@slipway/runtime';
import { ModelEditsRpcService } from './model-edits.rpc-service';

type Reply<D extends Parameters<typeof RpcMethod>[0]> = Promise<RpcResponse<D>>;

/** Edits of models and versions over request/reply (tags, descriptions, rename, delete): parse, delegate, return. */
@Controller()
export class ModelEditsRpcController {
  constructor(private readonly edits: ModelEditsRpcService) {}

  @RpcMethod(SetModelTags)
  setModelTags(request: RpcRequest<typeof SetModelTags>): Reply<typeof SetModelTags> {
    return this.edits.setModelTags(request);
  }

  @RpcMethod(DeleteModelTag)
  deleteModelTag(request: RpcRequest<typeof DeleteModelTag>): Reply<typeof DeleteModelTag> {
    return this.edits.deleteModelTag(request);
  }

  @RpcMethod(SetModelDescription)
  setModelDescription(request: RpcRequest<typeof SetModelDescription>): Reply<typeof SetModelDescription> {
    return this.edits.setModelDescription(request);
  }

  @RpcMethod(RenameModel)
  renameModel(request: RpcRequest<typeof RenameModel>): Reply<typeof RenameModel> {
    return this.edits.renameModel(request);
  }

  @RpcMethod(DeleteModel)
  deleteModel(request: RpcRequest<typeof DeleteModel>): Reply<typeof DeleteModel> {
    return this.edits.deleteModel(request);
  }

  @RpcMethod(SetModelVersionTags)
  setVersionTags(request: RpcRequest<typeof SetModelVersionTags>): Reply<typeof SetModelVersionTags> {
    return this.edits.setVersionTags(request);
  }

  @RpcMethod(DeleteModelVersionTag)
  deleteVersionTag(request: RpcRequest<typeof DeleteModelVersionTag>): Reply<typeof DeleteModelVersionTag> {
    return this.edits.deleteVersionTag(request);
  }

  @RpcMethod(SetModelVersionDescription)
  setVersionDescription(
    request: RpcRequest<typeof SetModelVersionDescription>,
  ): Reply<typeof SetModelVersionDescription> {
    return this.edits.setVersionDescription(request);
  }

  @RpcMethod(DeleteModelVersion)
  deleteVersion(request: RpcRequest<typeof DeleteModelVersion>): Reply<typeof DeleteModelVersion> {
    return this.edits.deleteVersion(request);
  }
}
