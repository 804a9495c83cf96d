import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Params of runs: one value per (run, key), never changed once logged. The search index holds the
 * first 256 characters of the value: a B-tree entry is limited to about 2.7 kB and a value may be
 * 6000 characters, so equality filters compare `left(value, 256)` (indexed) and then `value`.
 */
export class CreateParams1795651200003 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE params (
        run_id text NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
        key text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (run_id, key)
      )`);
    await q.query('CREATE INDEX params_key_value_idx ON params (key, left(value, 256))');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE params');
  }
}
