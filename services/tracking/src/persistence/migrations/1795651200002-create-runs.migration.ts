import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs. `run_id` is chosen by the client (any safe token; 32 hex digits when the server makes
 * one). `parent_run_id` has no foreign key on purpose: ingest is at-least-once and unordered
 * across runs, so a child's start may be stored before its parent's.
 */
export class CreateRuns1795651200002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE runs (
        run_id text PRIMARY KEY,
        experiment_id text NOT NULL REFERENCES experiments (experiment_id),
        run_name text,
        status text NOT NULL,
        start_time bigint NOT NULL,
        end_time bigint,
        user_id text,
        source_name text,
        source_git_commit text,
        parent_run_id text,
        lifecycle_stage text NOT NULL DEFAULT 'active',
        deleted_time bigint,
        artifact_uri text NOT NULL,
        CONSTRAINT runs_status_check CHECK (status IN ('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED')),
        CONSTRAINT runs_lifecycle_stage_check CHECK (lifecycle_stage IN ('active', 'deleted')),
        CONSTRAINT runs_deleted_time_check CHECK ((lifecycle_stage = 'deleted') = (deleted_time IS NOT NULL))
      )`);
    await q.query(
      'CREATE INDEX runs_experiment_start_time_idx ON runs (experiment_id, start_time DESC, run_id)',
    );
    await q.query(
      'CREATE INDEX runs_parent_run_id_idx ON runs (parent_run_id, start_time) WHERE parent_run_id IS NOT NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE runs');
  }
}
