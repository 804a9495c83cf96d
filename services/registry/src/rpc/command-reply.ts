import type { RegistryCommandReply } from '@slipway/contracts';
import type { CommandResult } from '../commands/registry-commands.service';
import { toModelView } from '../read-models/model-view';

/**
 * What every command RPC answers: the event types recorded, their positions, and the model after
 * (after a delete: the name with nothing left).
 */
export function toCommandReply(model: string, result: CommandResult): RegistryCommandReply {
  const state = result.state.exists ? result.state : { ...result.state, name: model };
  return {
    events: result.events.map((e) => e.type),
    positions: [...result.positions],
    model: toModelView(state, result.streamVersion, result.timeline),
  };
}
