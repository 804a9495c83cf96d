import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models of the registry, written in the transaction of each append and rebuildable from the
 * events: registered models, their versions, the aliases (alias → version) and the open promotion
 * requests. `stream_version` and `position` say which event each model row reflects.
 */
export class CreateReadModels1795737600002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE models (
        name text PRIMARY KEY,
        description text,
        tags jsonb NOT NULL DEFAULT '{}'::jsonb,
        last_version integer NOT NULL DEFAULT 0 CHECK (last_version >= 0),
        stream_version integer NOT NULL CHECK (stream_version > 0),
        position bigint NOT NULL CHECK (position > 0)
      )`);
    await q.query(`
      CREATE TABLE model_versions (
        model text NOT NULL REFERENCES models (name) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        source text NOT NULL,
        run_id text,
        flavor text NOT NULL,
        signature jsonb,
        metrics jsonb NOT NULL DEFAULT '{}'::jsonb,
        tags jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL CHECK (status IN ('active', 'archived')),
        PRIMARY KEY (model, version)
      )`);
    await q.query(`
      CREATE TABLE aliases (
        model text NOT NULL,
        alias text NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (model, alias),
        FOREIGN KEY (model, version) REFERENCES model_versions (model, version) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE promotion_requests (
        id text PRIMARY KEY,
        model text NOT NULL,
        version integer NOT NULL,
        alias text NOT NULL,
        requested_by jsonb NOT NULL,
        reason text NOT NULL,
        gates jsonb NOT NULL DEFAULT '[]'::jsonb,
        requires_approval boolean NOT NULL,
        FOREIGN KEY (model, version) REFERENCES model_versions (model, version) ON DELETE CASCADE
      )`);
    await q.query('CREATE INDEX promotion_requests_model_idx ON promotion_requests (model)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE promotion_requests');
    await q.query('DROP TABLE aliases');
    await q.query('DROP TABLE model_versions');
    await q.query('DROP TABLE models');
  }
}
