import type { z } from 'zod';
import { ALL_EVENTS, ALL_RPCS, eventByType, eventCatalogue } from './catalogue';
import { CLOUD_EVENT_TYPE_PATTERN } from './core/cloud-event';
import { createEvent, subjectTokens } from './core/event-definition';
import { parseEvent } from './core/parse-event';
import { RPC_ROOT } from './core/rpc-definition';
import { ModelPromoted } from './events';
import { EVENT_EXAMPLES } from './examples';
import { HEALTH_RPCS, SERVICE_NAMES, healthReplySchema } from './rpc';

const STREAM_PREFIX = { ingest: 'ingest.', events: 'evt.', tasks: 'task.' } as const;
const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

test('catalogue - every event name, type and subject is unique', () => {
  expect(duplicates(ALL_EVENTS.map((d) => d.name))).toEqual([]);
  expect(duplicates(ALL_EVENTS.map((d) => d.type))).toEqual([]);
  expect(duplicates(ALL_EVENTS.map((d) => d.subject))).toEqual([]);
});

test('catalogue - every type matches dev.slipway.<service>.<name>.v<N>', () => {
  for (const def of ALL_EVENTS) expect(def.type).toMatch(CLOUD_EVENT_TYPE_PATTERN);
});

test('catalogue - every subject starts with its stream prefix and has only safe tokens', () => {
  for (const def of ALL_EVENTS) {
    expect(def.subject.startsWith(STREAM_PREFIX[def.stream])).toBe(true);
    expect(def.subject).toMatch(/^[a-z0-9-]+(\.([a-z0-9-]+|\{[A-Za-z0-9_]+\}))+$/);
  }
});

test('catalogue - every subject token is a field of the data', () => {
  for (const def of ALL_EVENTS) {
    const shape = (def.schema as unknown as z.ZodObject).shape;
    for (const token of subjectTokens(def)) expect(Object.keys(shape ?? {})).toContain(token);
  }
});

test('catalogue - every event has an example that survives JSON', () => {
  expect(EVENT_EXAMPLES.map((e) => e.def.name)).toEqual(ALL_EVENTS.map((d) => d.name));
  for (const { def, data } of EVENT_EXAMPLES) {
    const sent = createEvent(def, data, { source: '/test' });
    const received = parseEvent(def, JSON.parse(JSON.stringify(sent)));
    expect(received.type).toBe(def.type);
  }
});

test('eventByType - finds known types and nothing else', () => {
  expect(eventByType('dev.slipway.registry.model.promoted.v1')).toBe(ModelPromoted);
  expect(eventByType('dev.slipway.registry.model.promoted.v9')).toBeUndefined();
});

test('eventCatalogue - maps every type and refuses duplicates', () => {
  expect(eventCatalogue().size).toBe(ALL_EVENTS.length);
  expect(eventCatalogue([ModelPromoted]).get(ModelPromoted.type)).toBe(ModelPromoted);
  expect(() => eventCatalogue([ModelPromoted, { ...ModelPromoted, name: 'Copy' }])).toThrow(/share the type/);
});

test('rpc catalogue - one health RPC per service, on unique subjects', () => {
  expect(Object.keys(HEALTH_RPCS).sort()).toEqual([...SERVICE_NAMES].sort());
  for (const [service, def] of Object.entries(HEALTH_RPCS)) {
    expect(def.subject).toBe(`${RPC_ROOT}.${service}.health`);
    expect(def.service).toBe(service);
  }
  expect(duplicates(ALL_RPCS.map((d) => d.subject))).toEqual([]);
  expect(duplicates(ALL_RPCS.map((d) => d.name))).toEqual([]);
});

test('healthReplySchema - accepts a degraded reply and rejects an unknown status', () => {
  const reply = {
    service: 'tracking',
    status: 'degraded',
    checks: { postgres: { status: 'up' }, clickhouse: { status: 'down', error: 'ECONNREFUSED' } },
    uptimeSeconds: 12.5,
  };
  expect(healthReplySchema.parse(reply)).toEqual(reply);
  expect(healthReplySchema.safeParse({ ...reply, status: 'sick' }).success).toBe(false);
  expect(healthReplySchema.safeParse({ ...reply, checks: { nats: { status: 'maybe' } } }).success).toBe(
    false,
  );
});
