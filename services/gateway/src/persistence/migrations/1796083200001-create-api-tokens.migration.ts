import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API tokens: only the sha256 of each secret is stored. A revoked token keeps its row (the
 * audit log refers to it); names need not be unique, as one person may hold several tokens.
 */
export class CreateApiTokens1796083200001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_tokens (
        token_id uuid PRIMARY KEY,
        name text NOT NULL,
        secret_sha256 bytea NOT NULL UNIQUE,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        CHECK (cardinality(scopes) > 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE api_tokens');
  }
}
