import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Datasets and the runs that used them (MLflow log-inputs). A dataset is stored once per
 * experiment by (name, digest) and gone with its experiment; an input links a run to a dataset
 * once, with the input's tags (e.g. `mlflow.data.context`), and is gone with the run.
 */
export class CreateDatasets1795651200005 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE datasets (
        dataset_id text PRIMARY KEY,
        experiment_id text NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
        name text NOT NULL,
        digest text NOT NULL,
        source_type text NOT NULL,
        source text NOT NULL,
        schema text,
        profile text,
        UNIQUE (experiment_id, name, digest)
      )`);
    await q.query(`
      CREATE TABLE run_inputs (
        run_id text NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
        dataset_id text NOT NULL REFERENCES datasets (dataset_id) ON DELETE CASCADE,
        tags jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (run_id, dataset_id)
      )`);
    await q.query('CREATE INDEX run_inputs_dataset_idx ON run_inputs (dataset_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE run_inputs');
    await q.query('DROP TABLE datasets');
  }
}
