import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Experiments and their tags. Ids are MLflow-like decimal strings from a sequence ('0' is kept for
 * the Default experiment, so the sequence starts at 1); the column is text because clients may
 * also name experiments by any safe token. A name is unique among active experiments only, so a
 * deleted experiment's name can be reused (restoring it then needs the name to be free again).
 */
export class CreateExperiments1795651200001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SEQUENCE experiment_id_seq START WITH 1');
    await q.query(`
      CREATE TABLE experiments (
        experiment_id text PRIMARY KEY DEFAULT nextval('experiment_id_seq')::text,
        name text NOT NULL,
        artifact_location text NOT NULL,
        lifecycle_stage text NOT NULL DEFAULT 'active',
        creation_time bigint NOT NULL,
        last_update_time bigint NOT NULL,
        deleted_time bigint,
        CONSTRAINT experiments_lifecycle_stage_check CHECK (lifecycle_stage IN ('active', 'deleted')),
        CONSTRAINT experiments_deleted_time_check CHECK ((lifecycle_stage = 'deleted') = (deleted_time IS NOT NULL))
      )`);
    await q.query('ALTER SEQUENCE experiment_id_seq OWNED BY experiments.experiment_id');
    await q.query(
      `CREATE UNIQUE INDEX experiments_active_name_key ON experiments (name) WHERE lifecycle_stage = 'active'`,
    );
    await q.query(
      'CREATE INDEX experiments_creation_time_idx ON experiments (creation_time DESC, experiment_id)',
    );
    await q.query(`
      CREATE TABLE experiment_tags (
        experiment_id text NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
        key text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (experiment_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE experiment_tags');
    await q.query('DROP TABLE experiments');
  }
}
