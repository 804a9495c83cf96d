import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log of write calls: who called which route, with what outcome. Append-only. */
export class CreateAuditLog1796083200002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        entry_id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        token_id uuid,
        actor text,
        method text NOT NULL,
        route text NOT NULL,
        url text NOT NULL,
        status integer NOT NULL,
        duration_ms double precision NOT NULL,
        request_id text NOT NULL
      )`);
    await q.query('CREATE INDEX audit_log_at_idx ON audit_log (at)');
    await q.query('CREATE INDEX audit_log_token_idx ON audit_log (token_id, at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
  }
}
