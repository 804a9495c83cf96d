import type { RegistryCommandReply } from '@slipway/contracts';
import type { CommandResult } from '../commands/registry-commands.service';
import { toModelView } from '../read-models/model-view';

/** What every command RPC answers: the event types recorded, their positions, and the model after. */
export function toCommandReply(result: CommandResult): RegistryCommandReply {
  return {
    events: result.events.map((e) => e.type),
    positions: [...result.positions],
    model: toModelView(result.state, result.streamVersion, result.timeline),
  };
}
