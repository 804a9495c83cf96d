import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tags of runs: one value per (run, key), overwritten when set again. Indexed for search like
 * params: on the key and the first 256 characters of the value (a value may be 8000 characters).
 */
export class CreateRunTags1795651200004 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE run_tags (
        run_id text NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
        key text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (run_id, key)
      )`);
    await q.query('CREATE INDEX run_tags_key_value_idx ON run_tags (key, left(value, 256))');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE run_tags');
  }
}
