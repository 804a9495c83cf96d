import { ALL_EVENTS, ALL_RPCS } from '../catalogue';
import { generateContractFiles } from './generate';

interface Doc {
  asyncapi: string;
  channels: Record<string, { address: string | null; parameters?: Record<string, { default?: string }> }>;
  operations: Record<string, { action: string; reply?: unknown; channel: { $ref: string } }>;
  components: { messages: Record<string, { contentType: string }> };
}

const text = generateContractFiles().get('asyncapi.json')!;
const doc = JSON.parse(text) as Doc;

function pointer(root: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], root);
}

function refsOf(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => refsOf(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsOf(value, found);
    }
  }
  return found;
}

test('asyncapi - is a 3.0.0 document whose every $ref resolves', () => {
  expect(doc.asyncapi).toBe('3.0.0');
  const refs = refsOf(doc);
  expect(refs.length).toBeGreaterThan(ALL_EVENTS.length * 3);
  const broken = refs.filter((ref) => !ref.startsWith('#/') || pointer(doc, ref) === undefined);
  expect(broken).toEqual([]);
});

test('asyncapi - every event has a channel under {root} with a parameter per token', () => {
  for (const def of ALL_EVENTS) {
    const channel = doc.channels[def.name]!;
    expect(channel.address).toBe(`{root}.${def.subject}`);
    const tokens = [...channel.address!.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    expect(Object.keys(channel.parameters ?? {}).sort()).toEqual([...tokens].sort());
    expect(channel.parameters!.root!.default).toBe('slipway');
    expect(doc.components.messages[def.name]!.contentType).toBe('application/cloudevents+json');
  }
});

test('asyncapi - ingest is received, domain events and tasks are sent', () => {
  for (const def of ALL_EVENTS) {
    const action = def.stream === 'ingest' ? 'receive' : 'send';
    expect(doc.operations[`${action}${def.name}`]?.action).toBe(action);
  }
});

test('asyncapi - every RPC is a request/reply operation', () => {
  for (const def of ALL_RPCS) {
    const operation = doc.operations[`handle${def.name}`]!;
    expect(operation.action).toBe('receive');
    expect(operation.reply).toBeDefined();
    expect(doc.channels[def.name]!.address).toBe(def.subject.replace(/^slipway\./, '{root}.'));
  }
});
