import { Controller } from '@nestjs/common';
import {
  ApprovePromotion,
  ArchiveModelVersion,
  CreateModelVersion,
  GetAliasHolder,
  GetModel,
  GetModelHistory,
  PromoteModelVersion,
  RebuildReadModels,
  RegisterModel,
  RejectPromotion,
  RemoveAlias,
  RequestPromotion,
  RollBackAlias,
  type RpcRequest,
  type RpcResponse,
  TransitionModelVersionStage,
} from '@slipway/contracts';
import { RpcMethod } from '@slipway/runtime';
import { ReadModelRebuilder } from '../read-models/read-model.rebuilder';
import { RegistryQueriesService } from '../read-models/registry-queries.service';
import { RegistryRpcService } from './registry-rpc.service';

type Reply<D extends Parameters<typeof RpcMethod>[0]> = Promise<RpcResponse<D>>;

/** Request/reply of the registry (`slipway.rpc.registry.*`): parse, delegate, return. */
@Controller()
export class RegistryRpcController {
  constructor(
    private readonly rpc: RegistryRpcService,
    private readonly queries: RegistryQueriesService,
    private readonly rebuilder: ReadModelRebuilder,
  ) {}

  @RpcMethod(RegisterModel)
  registerModel(request: RpcRequest<typeof RegisterModel>): Reply<typeof RegisterModel> {
    return this.rpc.registerModel(request);
  }

  @RpcMethod(CreateModelVersion)
  createVersion(request: RpcRequest<typeof CreateModelVersion>): Reply<typeof CreateModelVersion> {
    return this.rpc.createVersion(request);
  }

  @RpcMethod(RequestPromotion)
  requestPromotion(request: RpcRequest<typeof RequestPromotion>): Reply<typeof RequestPromotion> {
    return this.rpc.requestPromotion(request);
  }

  @RpcMethod(ApprovePromotion)
  approve(request: RpcRequest<typeof ApprovePromotion>): Reply<typeof ApprovePromotion> {
    return this.rpc.approve(request);
  }

  @RpcMethod(RejectPromotion)
  reject(request: RpcRequest<typeof RejectPromotion>): Reply<typeof RejectPromotion> {
    return this.rpc.reject(request);
  }

  @RpcMethod(PromoteModelVersion)
  promote(request: RpcRequest<typeof PromoteModelVersion>): Reply<typeof PromoteModelVersion> {
    return this.rpc.promote(request);
  }

  @RpcMethod(RollBackAlias)
  rollBack(request: RpcRequest<typeof RollBackAlias>): Reply<typeof RollBackAlias> {
    return this.rpc.rollBack(request);
  }

  @RpcMethod(RemoveAlias)
  removeAlias(request: RpcRequest<typeof RemoveAlias>): Reply<typeof RemoveAlias> {
    return this.rpc.removeAlias(request);
  }

  @RpcMethod(ArchiveModelVersion)
  archive(request: RpcRequest<typeof ArchiveModelVersion>): Reply<typeof ArchiveModelVersion> {
    return this.rpc.archive(request);
  }

  @RpcMethod(TransitionModelVersionStage)
  transitionStage(
    request: RpcRequest<typeof TransitionModelVersionStage>,
  ): Reply<typeof TransitionModelVersionStage> {
    return this.rpc.transitionStage(request);
  }

  @RpcMethod(GetModel)
  getModel({ model, asOf }: RpcRequest<typeof GetModel>): Reply<typeof GetModel> {
    return this.queries.getModel(model, asOf);
  }

  @RpcMethod(GetAliasHolder)
  aliasHolder({ model, alias, asOf }: RpcRequest<typeof GetAliasHolder>): Reply<typeof GetAliasHolder> {
    return this.queries.aliasHolder(model, alias, asOf);
  }

  @RpcMethod(GetModelHistory)
  async history({ model, alias, asOf }: RpcRequest<typeof GetModelHistory>): Reply<typeof GetModelHistory> {
    return { model, entries: await this.queries.history(model, alias, asOf) };
  }

  @RpcMethod(RebuildReadModels)
  rebuild(_request: RpcRequest<typeof RebuildReadModels>): Reply<typeof RebuildReadModels> {
    return this.rebuilder.rebuild();
  }
}
