import { ALL_EVENTS, ALL_RPCS } from '../catalogue';
import type { EventDefinition } from '../core/event-definition';
import type { RpcDefinition } from '../core/rpc-definition';
import { EVENT_EXAMPLES, type EventExample } from '../examples/event-examples';
import { exampleEnvelope } from '../examples/example-envelope';
import { asyncApiDocument } from './asyncapi';
import { eventJsonSchema, rpcJsonSchemas } from './json-schema';
import { stableJson } from './stable-json';

/** Where the generated files are committed, relative to the repository root. */
export const GENERATED_DIR = 'libs/contracts/generated';

/** The command that regenerates them. */
export const EXPORT_COMMAND = 'npm run contracts:export';

/**
 * Every generated contract file, path (relative to {@link GENERATED_DIR}, `/`-separated) →
 * content. Pure and deterministic, so a test can compare it with the committed files.
 */
export function generateContractFiles(
  events: readonly EventDefinition[] = ALL_EVENTS,
  rpcs: readonly RpcDefinition[] = ALL_RPCS,
  examples: readonly EventExample[] = EVENT_EXAMPLES,
): Map<string, string> {
  const envelopes = new Map(examples.map((example, i) => [example.def.name, exampleEnvelope(example, i)]));
  const files = new Map<string, string>();
  for (const def of events) {
    files.set(
      `json-schema/events/${def.type}.json`,
      stableJson(eventJsonSchema(def, 'draft-2020-12', envelopes.get(def.name))),
    );
  }
  for (const def of rpcs) {
    const { request, response } = rpcJsonSchemas(def);
    files.set(`json-schema/rpc/${def.subject}.request.json`, stableJson(request));
    files.set(`json-schema/rpc/${def.subject}.response.json`, stableJson(response));
  }
  files.set('asyncapi.json', stableJson(asyncApiDocument(events, rpcs, envelopes)));
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
