import { z } from 'zod';
import { type CloudEvent, cloudEventSchema } from '../core/cloud-event';
import { dataSchemaUri, type EventDefinition } from '../core/event-definition';
import type { RpcDefinition } from '../core/rpc-definition';

/** Where generated schemas say they live. */
export const SCHEMA_BASE_URI = 'https://slipway.dev/schemas';

export type JsonSchema = Record<string, unknown>;
export type JsonSchemaTarget = 'draft-2020-12' | 'draft-7';

/**
 * The JSON Schema of what travels on the wire: the input side of codecs (`'NaN'` as a string),
 * with anything JSON Schema cannot express left open rather than failing.
 */
export function wireJsonSchema(schema: z.ZodType, target: JsonSchemaTarget = 'draft-2020-12'): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target }) as JsonSchema;
}

/** The zod schema of a whole CloudEvent of `def`: the envelope with its `type` fixed and its `data`. */
export function eventEnvelopeSchema(def: EventDefinition): z.ZodType {
  return cloudEventSchema.extend({ type: z.literal(def.type), data: def.schema });
}

/** The JSON Schema document of one event (`$id` = the event's `dataschema`), with an example if given. */
export function eventJsonSchema(
  def: EventDefinition,
  target: JsonSchemaTarget = 'draft-2020-12',
  example?: CloudEvent,
): JsonSchema {
  return {
    ...wireJsonSchema(eventEnvelopeSchema(def), target),
    $id: dataSchemaUri(def),
    title: def.name,
    description: def.description,
    ...(example ? { examples: [example] } : {}),
    'x-slipway-subject': def.subject,
    'x-slipway-stream': def.stream,
  };
}

/** The JSON Schema documents of an RPC's request and response bodies. */
export function rpcJsonSchemas(
  def: RpcDefinition,
  target: JsonSchemaTarget = 'draft-2020-12',
): { request: JsonSchema; response: JsonSchema } {
  const document = (part: 'request' | 'response'): JsonSchema => ({
    ...wireJsonSchema(def[part], target),
    $id: `${SCHEMA_BASE_URI}/rpc/${def.subject}.${part}.json`,
    title: `${def.name} ${part}`,
    description: def.description,
    'x-slipway-subject': def.subject,
  });
  return { request: document('request'), response: document('response') };
}
