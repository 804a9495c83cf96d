import { Injectable } from '@nestjs/common';
import type {
  DeleteModel,
  DeleteModelTag,
  DeleteModelVersion,
  DeleteModelVersionTag,
  RegistryCommandReply,
  RenameModel,
  RpcRequest,
  SetModelDescription,
  SetModelTags,
  SetModelVersionDescription,
  SetModelVersionTags,
} from '@slipway/contracts';
import { type RegistryCommand, RegistryCommandsService } from '../commands/registry-commands.service';
import type { Actor } from '@slipway/contracts';
import { toCommandReply } from './command-reply';

/** The registry's edit RPCs (tags, descriptions, rename, delete) as aggregate commands. */
@Injectable()
export class ModelEditsRpcService {
  constructor(private readonly commands: RegistryCommandsService) {}

  setModelTags({ model, actor, tags }: RpcRequest<typeof SetModelTags>) {
    return this.run(model, actor, { type: 'SetTags', data: { version: null, tags } });
  }

  deleteModelTag({ model, actor, key }: RpcRequest<typeof DeleteModelTag>) {
    return this.run(model, actor, { type: 'SetTags', data: { version: null, deleteKeys: [key] } });
  }

  setModelDescription({ model, actor, description }: RpcRequest<typeof SetModelDescription>) {
    return this.run(model, actor, { type: 'SetDescription', data: { version: null, description } });
  }

  renameModel({ model, actor, newName }: RpcRequest<typeof RenameModel>) {
    return this.run(model, actor, { type: 'RenameModel', data: { newName } });
  }

  deleteModel({ model, actor, reason }: RpcRequest<typeof DeleteModel>) {
    return this.run(model, actor, { type: 'DeleteModel', data: { reason } });
  }

  setVersionTags({ model, actor, version, tags }: RpcRequest<typeof SetModelVersionTags>) {
    return this.run(model, actor, { type: 'SetTags', data: { version, tags } });
  }

  deleteVersionTag({ model, actor, version, key }: RpcRequest<typeof DeleteModelVersionTag>) {
    return this.run(model, actor, { type: 'SetTags', data: { version, deleteKeys: [key] } });
  }

  setVersionDescription({
    model,
    actor,
    version,
    description,
  }: RpcRequest<typeof SetModelVersionDescription>) {
    return this.run(model, actor, { type: 'SetDescription', data: { version, description } });
  }

  deleteVersion({ model, actor, version, reason }: RpcRequest<typeof DeleteModelVersion>) {
    return this.run(model, actor, { type: 'DeleteVersion', data: { version, reason } });
  }

  private async run(model: string, actor: Actor, command: RegistryCommand): Promise<RegistryCommandReply> {
    return toCommandReply(model, await this.commands.execute(model, command, { actor }));
  }
}
