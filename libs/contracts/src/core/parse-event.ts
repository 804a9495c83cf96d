import { issuesOf, parseOrThrow, ValidationError } from '../errors/validation-error';
import { type CloudEvent, cloudEventSchema } from './cloud-event';
import { type EventData, type EventDefinition, subjectOf, subjectTokens } from './event-definition';

/**
 * Checks a received CloudEvent (already `JSON.parse`d) against `def`: the envelope, its
 * `type`, then `data`, decoded (`'NaN'` → NaN). Throws a {@link ValidationError} whose issue
 * paths start at the envelope (`data.metrics[0].key`).
 */
export function parseEvent<D extends EventDefinition>(def: D, raw: unknown): CloudEvent<EventData<D>> {
  const envelope = parseOrThrow(cloudEventSchema, raw, `${def.name} envelope`);
  if (envelope.type !== def.type) {
    throw new ValidationError(`${def.name} envelope`, [
      { path: 'type', message: `expected ${def.type}, got ${envelope.type}` },
    ]);
  }
  const result = def.schema.safeParse(envelope.data);
  if (!result.success) {
    const issues = issuesOf(result.error).map((i) => ({
      ...i,
      path: i.path === '' ? 'data' : i.path.startsWith('[') ? `data${i.path}` : `data.${i.path}`,
    }));
    throw new ValidationError(`${def.name} event`, issues);
  }
  return { ...envelope, data: result.data as EventData<D> };
}

/**
 * The concrete subject of one message, its template tokens read from `data`
 * (`ingest.runs.{runId}.metrics` takes `data.runId`).
 */
export function subjectForData<D extends EventDefinition>(def: D, root: string, data: EventData<D>): string {
  const record = data as Record<string, unknown>;
  const tokens: Record<string, string> = {};
  for (const name of subjectTokens(def)) {
    const value = record[name];
    if (typeof value === 'string') tokens[name] = value;
  }
  return subjectOf(def, root, tokens);
}
