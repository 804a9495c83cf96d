import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names move between streams (rename) and come back (delete, then register again), so the read
 * model keeps which stream holds each live name; `models.name` unique is what makes two names
 * never share a model. Adds what MLflow shows of a model and its versions (descriptions, who
 * created a version, creation and last-update times) and an index for searches by run id.
 * Existing rows are filled from the events: every stream so far was `model-<name>`. Down drops the
 * columns; once a model was renamed or a name registered again, the code before this migration
 * would look for it on `model-<name>`, so going back needs those models deleted first.
 */
export class ModelStreamsAndTimes1795737600003 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE models ADD COLUMN stream_id text,
      ADD COLUMN created_at timestamptz, ADD COLUMN updated_at timestamptz`);
    await q.query(`UPDATE models SET stream_id = 'model-' || name`);
    await q.query(`ALTER TABLE models ALTER COLUMN stream_id SET NOT NULL,
      ADD CONSTRAINT models_stream_id_key UNIQUE (stream_id)`);
    await q.query(`UPDATE models m SET created_at = e.first_at, updated_at = e.last_at
      FROM (SELECT stream_id, min(recorded_at) AS first_at, max(recorded_at) AS last_at
            FROM events GROUP BY stream_id) e
      WHERE e.stream_id = m.stream_id`);
    await q.query(`ALTER TABLE model_versions ADD COLUMN description text, ADD COLUMN created_by jsonb,
      ADD COLUMN created_at timestamptz, ADD COLUMN updated_at timestamptz`);
    await q.query(`UPDATE model_versions v SET created_at = e.first_at, updated_at = e.last_at
      FROM (SELECT stream_id, (data->>'version')::int AS version,
                   min(recorded_at) AS first_at, max(recorded_at) AS last_at
            FROM events WHERE jsonb_typeof(data->'version') = 'number' GROUP BY 1, 2) e
      WHERE e.stream_id = 'model-' || v.model AND e.version = v.version`);
    await q.query(`UPDATE model_versions v SET created_by = e.data->'createdBy'
      FROM events e
      WHERE e.type = 'dev.slipway.registry.model-version.created.v1'
        AND e.stream_id = 'model-' || v.model AND (e.data->>'version')::int = v.version`);
    await q.query('CREATE INDEX model_versions_run_id_idx ON model_versions (run_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX model_versions_run_id_idx');
    await q.query(`ALTER TABLE model_versions DROP COLUMN description, DROP COLUMN created_by,
      DROP COLUMN created_at, DROP COLUMN updated_at`);
    await q.query(`ALTER TABLE models DROP COLUMN stream_id, DROP COLUMN created_at, DROP COLUMN updated_at`);
  }
}
