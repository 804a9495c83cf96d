import {
  type CloudEvent,
  type EventData,
  type EventDefinition,
  ValidationError,
  parseEvent,
} from '@slipway/contracts';

/** The outcome of decoding one consumed message: the typed event, or why it is unusable. */
export type DecodedEvent<T> = { ok: true; event: CloudEvent<T> } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a message body as a CloudEvent of `def`: UTF-8 JSON, then `parseEvent` of contracts
 * (envelope, expected `type`, `data` decoded by the event's schema). The reason of a failure names
 * the bad field (`invalid ModelEvaluated event: data.accuracy: Invalid input: expected number…`).
 */
export function decodeEvent<D extends EventDefinition>(def: D, body: Uint8Array): DecodedEvent<EventData<D>> {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(body));
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${(err as Error).message}` };
  }
  try {
    return { ok: true, event: parseEvent(def, json) };
  } catch (err) {
    if (err instanceof ValidationError) return { ok: false, reason: err.message };
    throw err;
  }
}
