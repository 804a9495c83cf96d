import {
  type CloudEvent,
  type EventData,
  type EventDefinition,
  cloudEventSchema,
  issuesOf,
} from '@slipway/contracts';

/** The outcome of decoding one consumed message: the typed event, or why it is unusable. */
export type DecodedEvent<T> = { ok: true; event: CloudEvent<T> } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a message body as a CloudEvent of `def`: UTF-8 JSON, a valid envelope, the expected
 * `type`, and `data` matching the event's schema. The reason of a failure names the bad field
 * (`invalid data of dev.slipway.x.v1: data.accuracy: Invalid input: expected number`).
 */
export function decodeEvent<D extends EventDefinition>(def: D, body: Uint8Array): DecodedEvent<EventData<D>> {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(body));
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${(err as Error).message}` };
  }
  const envelope = cloudEventSchema.safeParse(json);
  if (!envelope.success) {
    return { ok: false, reason: `invalid CloudEvents envelope: ${formatIssues(issuesOf(envelope.error))}` };
  }
  if (envelope.data.type !== def.type) {
    return {
      ok: false,
      reason: `unexpected type: ${JSON.stringify(envelope.data.type)} where ${def.type} was expected`,
    };
  }
  const data = def.schema.safeParse(envelope.data.data);
  if (!data.success) {
    const issues = issuesOf(data.error).map((i) => ({ ...i, path: i.path ? `data.${i.path}` : 'data' }));
    return { ok: false, reason: `invalid data of ${def.type}: ${formatIssues(issues)}` };
  }
  return { ok: true, event: { ...envelope.data, data: data.data as EventData<D> } };
}

function formatIssues(issues: { path: string; message: string }[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
