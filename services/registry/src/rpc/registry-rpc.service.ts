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
  TransitionModelVersionStage,
} from '@slipway/contracts';
import { randomUUID } from 'node:crypto';
import { resolveGates } from '../commands/promotion-gates';
import {
  type CommandContext,
  type RegistryCommands,
  RegistryCommandsService,
} from '../commands/registry-commands.service';
import { TrackingMetricsClient } from '../commands/tracking-metrics.client';
import {
  type Metrics,
  type ModelState,
  STAGE_ALIASES,
  stageTransitionCommands,
  stageTransitionSchema,
} from '../models';
import { toCommandReply } from './command-reply';

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

  requestPromotion({ model, actor, metrics, baselineRunId, ...data }: RpcRequest<typeof RequestPromotion>) {
    const gatesOf = this.gatesOf(data.version, data.alias, { ...metrics, baselineRunId });
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
   * MLflow's stage transition as alias commands ({@link stageTransitionCommands}), decided in
   * order on one state and appended together; gates are those of the stage's alias.
   */
  transitionStage({
    model,
    actor,
    admin,
    metrics,
    baselineRunId,
    requestId,
    ...data
  }: RpcRequest<typeof TransitionModelVersionStage>) {
    const alias = data.stage === 'Staging' || data.stage === 'Production' ? STAGE_ALIASES[data.stage] : null;
    const gatesOf = alias ? this.gatesOf(data.version, alias, { ...metrics, baselineRunId }) : undefined;
    const id = requestId ?? `stage-${randomUUID()}`;
    return this.run(
      model,
      async (state) => {
        const gates = gatesOf ? await gatesOf(state) : [];
        const transition = stageTransitionSchema.parse({ ...data, model, actor, requestId: id, gates });
        return stageTransitionCommands(transition, state, this.commands.policy);
      },
      { actor, admin },
    );
  }

  /**
   * Gate evaluation for one command, run on every attempt against the state read (so the holder
   * compared with is the one the append is checked against), with tracking's answers cached per run.
   */
  private gatesOf(
    version: number,
    alias: string,
    metrics: GateMetrics & { baselineRunId?: string | undefined },
  ) {
    const cache = new Map<string, Promise<Metrics | null>>();
    return (state: ModelState) =>
      resolveGates(this.commands.policy, state, version, alias, metrics, this.tracking, cache);
  }

  private async run(
    model: string,
    command: RegistryCommands | ((state: ModelState) => Promise<RegistryCommands>),
    context: CommandContext,
  ): Promise<RegistryCommandReply> {
    return toCommandReply(model, await this.commands.execute(model, command, context));
  }
}
