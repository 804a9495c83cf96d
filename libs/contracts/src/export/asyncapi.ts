import type { CloudEvent } from '../core/cloud-event';
import { type EventDefinition, subjectTokens } from '../core/event-definition';
import type { RpcDefinition } from '../core/rpc-definition';
import { DEFAULT_SUBJECT_ROOT } from '../core/subject-root';
import packageJson from '../../package.json';
import { eventJsonSchema, type JsonSchema, rpcJsonSchemas } from './json-schema';

const ref = ($ref: string) => ({ $ref });

const ROOT_PARAMETER = {
  default: DEFAULT_SUBJECT_ROOT,
  description: 'First subject token(s); configurable so several installations or test suites share a server.',
};

const EVENT_HEADERS = {
  type: 'object',
  properties: {
    'Nats-Msg-Id': {
      type: 'string',
      description: "The CloudEvent's id: JetStream drops a duplicate within the stream's window.",
    },
  },
};

/** Payload schemas are inlined under components, so their own `#/…` references must point there. */
function rehome(schema: unknown, base: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => rehome(item, base));
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema as Record<string, unknown>)
      .filter(([key]) => key !== '$schema' && key !== '$id')
      .map(([key, value]) =>
        key === '$ref' && typeof value === 'string' && value.startsWith('#/')
          ? [key, `${base}/${value.slice(2)}`]
          : [key, rehome(value, base)],
      ),
  );
}

function componentSchema(name: string, schema: JsonSchema): unknown {
  return rehome(schema, `#/components/schemas/${name}`);
}

/** `slipway.rpc.tracking.health` → `{root}.rpc.tracking.health`. */
function rootedAddress(subject: string): string {
  const prefix = `${DEFAULT_SUBJECT_ROOT}.`;
  return subject.startsWith(prefix) ? `{root}.${subject.slice(prefix.length)}` : subject;
}

/** `dev.slipway.registry.model.promoted.v1` → `registry`. */
function serviceOf(def: EventDefinition): string {
  return def.type.split('.')[2] ?? 'slipway';
}

function channelParameters(tokens: string[]): Record<string, unknown> {
  const parameters: Record<string, unknown> = { root: ROOT_PARAMETER };
  for (const token of tokens) {
    parameters[token] = { description: `The ${token} of the message: letters, digits, '_' or '-'.` };
  }
  return parameters;
}

/**
 * One AsyncAPI 3.0.0 document of every Slipway subject. Actions are Slipway's point of view:
 * it receives ingest events from clients, and sends domain events and task commands; RPCs are
 * received requests with a reply to the requester's inbox.
 */
export function asyncApiDocument(
  events: readonly EventDefinition[],
  rpcs: readonly RpcDefinition[],
  examples: ReadonlyMap<string, CloudEvent> = new Map(),
): unknown {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};

  for (const def of events) {
    schemas[def.name] = componentSchema(def.name, eventJsonSchema(def, 'draft-7'));
    const example = examples.get(def.name);
    messages[def.name] = {
      name: def.name,
      title: def.name,
      summary: def.description,
      contentType: 'application/cloudevents+json',
      headers: EVENT_HEADERS,
      payload: ref(`#/components/schemas/${def.name}`),
      ...(example
        ? { examples: [{ name: 'example', headers: { 'Nats-Msg-Id': example.id }, payload: example }] }
        : {}),
      'x-cloudevents-type': def.type,
    };
    channels[def.name] = {
      address: `{root}.${def.subject}`,
      description: `${def.description} Stream: ${def.stream}.`,
      parameters: channelParameters(subjectTokens(def)),
      messages: { [def.name]: ref(`#/components/messages/${def.name}`) },
    };
    const action = def.stream === 'ingest' ? 'receive' : 'send';
    operations[`${action}${def.name}`] = {
      action,
      channel: ref(`#/channels/${def.name}`),
      summary: def.description,
      tags: [{ name: serviceOf(def) }],
      messages: [ref(`#/channels/${def.name}/messages/${def.name}`)],
    };
  }

  for (const def of rpcs) {
    const { request, response } = rpcJsonSchemas(def, 'draft-7');
    const requestName = `${def.name}Request`;
    const replyName = `${def.name}Reply`;
    schemas[requestName] = componentSchema(requestName, request);
    schemas[replyName] = componentSchema(replyName, response);
    for (const name of [requestName, replyName]) {
      messages[name] = {
        name,
        title: name,
        contentType: 'application/json',
        payload: ref(`#/components/schemas/${name}`),
      };
    }
    channels[def.name] = {
      address: rootedAddress(def.subject),
      description: `${def.description} Core NATS request/reply, answered by a queue group.`,
      parameters: channelParameters([]),
      messages: { [requestName]: ref(`#/components/messages/${requestName}`) },
    };
    channels[replyName] = {
      address: null,
      description: "The requester's inbox (the NATS reply subject of the request).",
      messages: { [replyName]: ref(`#/components/messages/${replyName}`) },
    };
    operations[`handle${def.name}`] = {
      action: 'receive',
      channel: ref(`#/channels/${def.name}`),
      summary: def.description,
      tags: [{ name: def.service }],
      messages: [ref(`#/channels/${def.name}/messages/${requestName}`)],
      reply: {
        channel: ref(`#/channels/${replyName}`),
        messages: [ref(`#/channels/${replyName}/messages/${replyName}`)],
      },
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Slipway',
      version: packageJson.version,
      description:
        'Every subject of Slipway. Events are CloudEvents 1.0 in structured JSON mode; publish with the ' +
        'header Nats-Msg-Id set to the event id. Generated from libs/contracts: run `npm run contracts:export`.',
      license: { name: 'Apache-2.0' },
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      local: {
        host: 'localhost:4222',
        protocol: 'nats',
        description: '`npm start` (another port is used, and printed, when 4222 is taken).',
      },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}
