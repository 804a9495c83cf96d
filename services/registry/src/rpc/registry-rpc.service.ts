import { Injectable } from '@nestjs/common';
import type {
  ApprovePromotion,
  ArchiveModelVersion,
  CreateModelVersion,
  PromoteModelVersion,
  RegisterModel,
  RegistryCommandReply,
  RejectPromotion,
  RemoveAlias,
  RequestPromotion,
  RollBackAlias,
  RpcRequest,
} from '@slipway/contracts';
import { gatesFor } from '../commands/promotion-gates';
import {
  type CommandContext,
  type RegistryCommand,
  RegistryCommandsService,
} from '../commands/registry-commands.service';
import { toModelView } from '../read-models/model-view';
import { RegistryQueriesService } from '../read-models/registry-queries.service';

/** Turns the registry's command RPCs into aggregate commands: gates evaluated, then executed. */
@Injectable()
export class RegistryRpcService {
  constructor(
    private readonly commands: RegistryCommandsService,
    private readonly queries: RegistryQueriesService,
  ) {}

  registerModel({ model, actor, ...data }: RpcRequest<typeof RegisterModel>) {
    return this.run(model, { type: 'RegisterModel', data }, { actor });
  }

  createVersion({ model, actor, ...data }: RpcRequest<typeof CreateModelVersion>) {
    return this.run(model, { type: 'CreateVersion', data }, { actor });
  }

  async requestPromotion({ model, actor, metrics, ...data }: RpcRequest<typeof RequestPromotion>) {
    const gates = gatesFor(
      this.commands.policy,
      await this.queries.getModel(model),
      data.version,
      data.alias,
      metrics,
    );
    return this.run(model, { type: 'RequestPromotion', data: { ...data, gates } }, { actor });
  }

  approve({ model, actor, admin, ...data }: RpcRequest<typeof ApprovePromotion>) {
    return this.run(model, { type: 'ApprovePromotion', data }, { actor, admin });
  }

  reject({ model, actor, ...data }: RpcRequest<typeof RejectPromotion>) {
    return this.run(model, { type: 'RejectPromotion', data }, { actor });
  }

  async promote({ model, actor, admin, metrics, ...data }: RpcRequest<typeof PromoteModelVersion>) {
    const gates = gatesFor(
      this.commands.policy,
      await this.queries.getModel(model),
      data.version,
      data.alias,
      metrics,
    );
    return this.run(model, { type: 'PromoteDirectly', data: { ...data, gates } }, { actor, admin });
  }

  rollBack({ model, actor, ...data }: RpcRequest<typeof RollBackAlias>) {
    return this.run(model, { type: 'RollBackAlias', data }, { actor });
  }

  removeAlias({ model, actor, ...data }: RpcRequest<typeof RemoveAlias>) {
    return this.run(model, { type: 'RemoveAlias', data }, { actor });
  }

  archive({ model, actor, ...data }: RpcRequest<typeof ArchiveModelVersion>) {
    return this.run(model, { type: 'ArchiveVersion', data }, { actor });
  }

  private async run(
    model: string,
    command: RegistryCommand,
    context: CommandContext,
  ): Promise<RegistryCommandReply> {
    const result = await this.commands.execute(model, command, context);
    return {
      events: result.events.map((e) => e.type),
      positions: [...result.positions],
      model: toModelView(result.state, result.streamVersion),
    };
  }
}
