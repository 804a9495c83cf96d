import { Injectable } from '@nestjs/common';
import type {
  ApprovePromotion,
  ArchiveModelVersion,
  CreateModelVersion,
  GateMetrics,
  PromoteModelVersion,
  RegisterModel,
  RegistryCommandReply,
  RejectPromotion,
  RemoveAlias,
  RequestPromotion,
  RollBackAlias,
  RpcRequest,
} from '@slipway/contracts';
import { resolveGates } from '../commands/promotion-gates';
import {
  type CommandContext,
  type RegistryCommand,
  RegistryCommandsService,
} from '../commands/registry-commands.service';
import { TrackingMetricsClient } from '../commands/tracking-metrics.client';
import type { Metrics, ModelState } from '../models';
import { toModelView } from '../read-models/model-view';

/** Turns the registry's command RPCs into aggregate commands: gates evaluated, then executed. */
@Injectable()
export class RegistryRpcService {
  constructor(
    private readonly commands: RegistryCommandsService,
    private readonly tracking: TrackingMetricsClient,
  ) {}

  registerModel({ model, actor, ...data }: RpcRequest<typeof RegisterModel>) {
    return this.run(model, { type: 'RegisterModel', data }, { actor });
  }

  createVersion({ model, actor, ...data }: RpcRequest<typeof CreateModelVersion>) {
    return this.run(model, { type: 'CreateVersion', data }, { actor });
  }

  requestPromotion({ model, actor, metrics, ...data }: RpcRequest<typeof RequestPromotion>) {
    const gatesOf = this.gatesOf(data.version, data.alias, metrics);
    return this.run(
      model,
      async (state) => ({ type: 'RequestPromotion', data: { ...data, gates: await gatesOf(state) } }),
      { actor },
    );
  }

  approve({ model, actor, admin, ...data }: RpcRequest<typeof ApprovePromotion>) {
    return this.run(model, { type: 'ApprovePromotion', data }, { actor, admin });
  }

  reject({ model, actor, ...data }: RpcRequest<typeof RejectPromotion>) {
    return this.run(model, { type: 'RejectPromotion', data }, { actor });
  }

  promote({ model, actor, admin, metrics, ...data }: RpcRequest<typeof PromoteModelVersion>) {
    const gatesOf = this.gatesOf(data.version, data.alias, metrics);
    return this.run(
      model,
      async (state) => ({ type: 'PromoteDirectly', data: { ...data, gates: await gatesOf(state) } }),
      { actor, admin },
    );
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

  /**
   * Gate evaluation for one command, run on every attempt against the state read (so the holder
   * compared with is the one the append is checked against), with tracking's answers cached per run.
   */
  private gatesOf(version: number, alias: string, metrics: GateMetrics) {
    const cache = new Map<string, Promise<Metrics | null>>();
    return (state: ModelState) =>
      resolveGates(this.commands.policy, state, version, alias, metrics, this.tracking, cache);
  }

  private async run(
    model: string,
    command: RegistryCommand | ((state: ModelState) => Promise<RegistryCommand>),
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
