import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry's event store: one append-only table of every event, ordered globally by
 * `global_position` and per stream by `stream_version` (unique per stream: the optimistic
 * concurrency check), plus the checkpoints of the relays that publish it to JetStream.
 * UPDATE, DELETE and TRUNCATE of `events` are refused by triggers: history is never rewritten.
 */
export class CreateEventStore1795737600001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id text NOT NULL,
        stream_version integer NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_check CHECK (stream_version > 0),
        CONSTRAINT events_stream_id_check CHECK (length(stream_id) BETWEEN 1 AND 512)
      )`);
    // Time travel reads "the events up to time T" in global order.
    await q.query('CREATE INDEX events_recorded_at_idx ON events (recorded_at, global_position)');
    await q.query(`
      CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'registry events are append-only: % refused', TG_OP
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_refuse_change()`);
    await q.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()`);
    await q.query(`
      CREATE TABLE relay_checkpoints (
        name text PRIMARY KEY,
        position bigint NOT NULL DEFAULT 0 CHECK (position >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE relay_checkpoints');
    await q.query('DROP TABLE events');
    await q.query('DROP FUNCTION events_refuse_change()');
  }
}
