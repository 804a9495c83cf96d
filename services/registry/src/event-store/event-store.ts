import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { eventByType, parseOrThrow } from '@slipway/contracts';
import { DATA_SOURCE } from '@slipway/runtime';
import { type DataSource, QueryFailedError } from 'typeorm';
import { z } from 'zod';
import { ConcurrencyError, DuplicateEventError } from './concurrency.error';
import {
  type AppendResult,
  EVENT_COLUMNS,
  type ExpectedVersion,
  type InTransaction,
  type NewEvent,
  type Queryable,
  type ReadStreamOptions,
  type StoredEvent,
  eventMetadataSchema,
  storedEventRowSchema,
} from './event-store.types';

/** The Postgres channel an append notifies (payload: the last global position) on commit. */
export const REGISTRY_EVENTS_CHANNEL = 'registry_events';

const versionRows = z.array(z.object({ version: z.int().min(0) }));
const appendedRows = z.array(
  z.object({
    position: z.string().regex(/^\d+$/).transform(Number),
    version: z.int(),
    recorded_at: z.date(),
  }),
);
const headRows = z.array(z.object({ position: z.string().regex(/^\d+$/).transform(Number) }));

/**
 * The registry's event store: an append-only Postgres table with optimistic concurrency per
 * stream and a global order. Appends are serialised by a transaction-level advisory lock, so the
 * global position order is the commit order: a reader following positions (the relay) can never
 * pass over an event that commits later with a smaller position.
 */
@Injectable()
export class EventStore {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /**
   * Appends `events` to `streamId` if the stream is at `expected`, and runs `inTransaction` (the
   * read-model update) in the same transaction: both commit or neither does. A version mismatch,
   * or losing the race for the next version, is a {@link ConcurrencyError}; nothing is stored.
   * Data of a known contract type is validated against its schema first.
   */
  async append(
    streamId: string,
    expected: ExpectedVersion,
    events: readonly NewEvent[],
    inTransaction?: InTransaction,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${streamId}: no events`);
    const rows = events.map((event) => ({
      eventId: event.eventId ?? randomUUID(),
      type: event.type,
      data: validData(event),
      metadata: parseOrThrow(eventMetadataSchema, event.metadata, `metadata of ${event.type}`),
    }));
    try {
      return await this.dataSource.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [appendLockKey(this.dataSource)]);
        const actual = await currentVersion(tx, streamId);
        const expectedNumber = expected === 'no-stream' ? 0 : expected;
        if (expectedNumber !== 'any' && actual !== expectedNumber) {
          throw new ConcurrencyError(streamId, expected, actual);
        }
        const inserted = appendedRows.parse(
          await tx.query(
            // One round trip: the insert and the commit-time notification (payload: the last position).
            `WITH inserted AS (
               INSERT INTO events (stream_id, stream_version, event_id, type, data, metadata, recorded_at)
               SELECT $1, $2::int + e.ord::int, (e.value->>'eventId')::uuid, e.value->>'type',
                 e.value->'data', e.value->'metadata', clock_timestamp()
               FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(value, ord)
               ORDER BY e.ord
               RETURNING global_position, stream_version, recorded_at),
             notified AS (SELECT pg_notify($4, max(global_position)::text) FROM inserted)
             SELECT i.global_position::text AS position, i.stream_version AS version, i.recorded_at
             FROM inserted i CROSS JOIN notified`,
            [streamId, actual, JSON.stringify(rows), REGISTRY_EVENTS_CHANNEL],
          ),
        );
        inserted.sort((a, b) => a.version - b.version);
        const result: AppendResult = {
          nextVersion: actual + rows.length,
          positions: inserted.map((row) => row.position),
          eventIds: rows.map((row) => row.eventId),
          recordedAt: inserted.map((row) => row.recorded_at),
        };
        if (inTransaction) await inTransaction(tx, result);
        return result;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version_key')) {
        throw new ConcurrencyError(streamId, expected, await currentVersion(this.dataSource, streamId), {
          cause: error,
        });
      }
      if (isUniqueViolation(error, 'events_event_id_key'))
        throw new DuplicateEventError(streamId, { cause: error });
      throw error;
    }
  }

  /**
   * The events of one stream in version order. With `asOfPosition` or `asOfTime` only those stored
   * by then: the stream as it was at that moment (time travel).
   */
  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1 AND stream_version >= $2
         AND ($3::bigint IS NULL OR global_position <= $3)
         AND ($4::timestamptz IS NULL OR recorded_at <= $4)
       ORDER BY stream_version`,
      [streamId, options.fromVersion ?? 1, options.asOfPosition ?? null, options.asOfTime ?? null],
    );
    return parseOrThrow(z.array(storedEventRowSchema), rows, 'registry event row');
  }

  /** Up to `limit` events of every stream after global position `afterPosition` (exclusive), in global order. */
  async readAll(afterPosition: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [afterPosition, limit],
    );
    return parseOrThrow(z.array(storedEventRowSchema), rows, 'registry event row');
  }

  /** The version of a stream's last event; 0 when the stream has none. */
  async streamVersion(streamId: string): Promise<number> {
    return currentVersion(this.dataSource, streamId);
  }

  /** The global position of the last stored event (0 when none), or of the last one stored by `asOfTime`. */
  async headPosition(asOfTime?: Date): Promise<number> {
    const rows = headRows.parse(
      await this.dataSource.query(
        `SELECT coalesce(max(global_position), 0)::text AS position FROM events
         WHERE $1::timestamptz IS NULL OR recorded_at <= $1`,
        [asOfTime ?? null],
      ),
    );
    return rows[0]?.position ?? 0;
  }
}

async function currentVersion(q: Queryable, streamId: string): Promise<number> {
  const rows = versionRows.parse(
    await q.query(
      'SELECT coalesce(max(stream_version), 0)::int AS version FROM events WHERE stream_id = $1',
      [streamId],
    ),
  );
  return rows[0]?.version ?? 0;
}

/** Contract events are checked here, so the relay never meets data it cannot publish. */
function validData(event: NewEvent): unknown {
  const def = eventByType(event.type);
  return def ? parseOrThrow(def.schema, event.data, `data of ${event.type}`) : event.data;
}

/** One append lock per schema: tests and tenants in other schemas do not wait on each other. */
function appendLockKey(dataSource: DataSource): string {
  return `slipway.registry.append.${String(dataSource.driver.schema)}`;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown; constraint?: unknown } | undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
