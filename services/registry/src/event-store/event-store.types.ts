import { actorSchema } from '@slipway/contracts';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';

/** Who caused an event and why: stored beside every event, for audit and tracing. */
export const eventMetadataSchema = z.object({
  /** The id shared by every event caused by one user request. */
  correlationId: z.string().min(1).max(256).optional(),
  /** The id of the command or event that caused this one. */
  causationId: z.string().min(1).max(256).optional(),
  actor: actorSchema,
  reason: z.string().max(2000).optional(),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

/** One event to append. `type` is the CloudEvents type of its contract (`dev.slipway.registry.…`). */
export interface NewEvent {
  type: string;
  data: unknown;
  metadata: EventMetadata;
  /** A fixed id makes a retried append fail as a duplicate instead of storing twice; default a UUID. */
  eventId?: string;
}

/**
 * The version the caller expects a stream to be at: a number (the version of its last event),
 * `'no-stream'` (it must not exist yet) or `'any'` (no check beyond the unique version).
 */
export type ExpectedVersion = number | 'no-stream' | 'any';

/** Runs parameterised SQL inside the append's transaction (a TypeORM `EntityManager`). */
export type Queryable = Pick<EntityManager, 'query'>;

/** What an append stored: the stream's new version and each event's global position, in order. */
export interface AppendResult {
  nextVersion: number;
  positions: number[];
  eventIds: string[];
  /** When each event was recorded, in order. */
  recordedAt: Date[];
}

/** Updates read models in the append's own transaction; a throw rolls the append back. */
export type InTransaction = (tx: Queryable, appended: AppendResult) => Promise<void>;

/** A `bigint` column as a safe JS number (node-postgres hands bigints over as strings). */
const positionColumn = z
  .union([z.int(), z.string().regex(/^\d+$/).transform(Number)])
  .pipe(z.int().min(1).max(Number.MAX_SAFE_INTEGER));

/** A row of `events`, parsed into a {@link StoredEvent}. */
export const storedEventRowSchema = z
  .object({
    global_position: positionColumn,
    stream_id: z.string(),
    stream_version: z.int().min(1),
    event_id: z.uuid(),
    type: z.string(),
    data: z.unknown(),
    metadata: eventMetadataSchema,
    recorded_at: z.date(),
  })
  .transform((row) => ({
    position: row.global_position,
    streamId: row.stream_id,
    version: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  }));

/** An event as stored: its global position, its stream and version, and when it was recorded. */
export type StoredEvent = z.output<typeof storedEventRowSchema>;

/** Bounds of a stream read: `asOfPosition`/`asOfTime` answer "what did the stream hold then". */
export interface ReadStreamOptions {
  /** The first version to return; default 1. */
  fromVersion?: number;
  /** Only events at or before this global position. */
  asOfPosition?: number;
  /** Only events recorded at or before this time. */
  asOfTime?: Date;
}

/** The column list every read selects, in the order {@link storedEventRowSchema} expects. */
export const EVENT_COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, data, metadata, recorded_at';
