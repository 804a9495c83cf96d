import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { issuesOf, ValidationError } from '../errors/validation-error';
import { CLOUD_EVENT_TYPE_PATTERN, type CloudEvent } from './cloud-event';
import { withRoot } from './subject-root';

/** Which JetStream stream holds an event; see DESIGN.md "Messaging". */
export type StreamKind = 'ingest' | 'events' | 'tasks';

/**
 * Everything a producer or consumer needs to know about one event: its CloudEvents type,
 * its root-relative subject (tokens in `{braces}` are filled per message, e.g. `{runId}`),
 * its stream and the zod schema of its `data`.
 */
export interface EventDefinition<TSchema extends z.ZodType = z.ZodType> {
  /** PascalCase, past tense: `ModelVersionPromoted`. */
  readonly name: string;
  /** `dev.slipway.registry.model.promoted.v1` */
  readonly type: string;
  /** Root-relative subject template: `evt.registry.model.promoted`, `ingest.runs.{runId}.metrics`. */
  readonly subject: string;
  readonly stream: StreamKind;
  readonly schema: TSchema;
  /** One line for the AsyncAPI document and the README. */
  readonly description: string;
}

/** The `data` type of an event definition. */
export type EventData<D extends EventDefinition> = z.infer<D['schema']>;

export function defineEvent<TSchema extends z.ZodType>(
  def: EventDefinition<TSchema>,
): EventDefinition<TSchema> {
  if (!CLOUD_EVENT_TYPE_PATTERN.test(def.type)) throw new Error(`event ${def.name}: bad type ${def.type}`);
  const expectedPrefix = def.stream === 'events' ? 'evt.' : def.stream === 'ingest' ? 'ingest.' : 'task.';
  if (!def.subject.startsWith(expectedPrefix)) {
    throw new Error(`event ${def.name}: subject ${def.subject} must start with ${expectedPrefix}`);
  }
  return Object.freeze(def);
}

const TOKEN = /\{([A-Za-z0-9_]+)\}/g;
const SAFE_TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

/** The template tokens of a subject: `ingest.runs.{runId}.metrics` → `['runId']`. */
export function subjectTokens(def: EventDefinition): string[] {
  return [...def.subject.matchAll(TOKEN)].map((m) => m[1]!);
}

/** The concrete subject of one message. Throws if a token is missing or not a safe NATS token. */
export function subjectOf(def: EventDefinition, root: string, tokens: Record<string, string> = {}): string {
  const relative = def.subject.replace(TOKEN, (_, name: string) => {
    const value = tokens[name];
    if (value === undefined || !SAFE_TOKEN.test(value)) {
      throw new Error(
        `subject ${def.subject}: token ${name} must match ${SAFE_TOKEN} (got ${JSON.stringify(value)})`,
      );
    }
    return value;
  });
  return withRoot(root, relative);
}

/** The subscription filter of an event: template tokens become `*`. */
export function filterSubjectOf(def: EventDefinition, root: string): string {
  return withRoot(root, def.subject.replace(TOKEN, '*'));
}

export interface CreateEventOptions {
  /** CloudEvents `source`, e.g. `/slipway/registry` or `/clients/python`. */
  source: string;
  id?: string;
  time?: Date;
  subject?: string;
  traceparent?: string;
}

/**
 * Builds a CloudEvent for `def`, validating `data` first: bad data throws a
 * {@link ValidationError} naming each bad field (`metrics[3].value: …`).
 *
 * `data` in the result is in its wire form, ready for `JSON.stringify`: codecs such as
 * `metricValueSchema` are encoded (NaN → `'NaN'`). So event schemas use codecs, never one-way
 * `.transform()`s, and no `.default()`s (defaults apply when parsing, not encoding).
 */
export function createEvent<D extends EventDefinition>(
  def: D,
  data: EventData<D>,
  options: CreateEventOptions,
): CloudEvent<EventData<D>> {
  const result = z.safeEncode(def.schema, data);
  if (!result.success) throw new ValidationError(`${def.name} data`, issuesOf(result.error));
  const parsed = result.data as EventData<D>;
  return {
    specversion: '1.0',
    id: options.id ?? randomUUID(),
    source: options.source,
    type: def.type,
    time: (options.time ?? new Date()).toISOString(),
    ...(options.subject ? { subject: options.subject } : {}),
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(def),
    ...(options.traceparent ? { traceparent: options.traceparent } : {}),
    data: parsed,
  };
}

/** Where the JSON Schema of an event is published (relative to the repository). */
export function dataSchemaUri(def: EventDefinition): string {
  return `https://slipway.dev/schemas/events/${def.type}.json`;
}
