import { createPostgresDataSource, initializePostgres } from '@slipway/persistence';
import { createTestDatabase, type TestDatabase } from '@slipway/testing';
import type { DataSource } from 'typeorm';
import { gatewayMigrations } from './gateway.schema';

/** Each gateway migration up on data, then down: earlier data survives both ways. */
describe('gateway migrations', () => {
  let db: TestDatabase;
  const open: DataSource[] = [];
  const source = (schema: string, count: number) => {
    const ds = createPostgresDataSource({
      url: db.url,
      schema,
      migrations: gatewayMigrations.slice(0, count),
      poolSize: 2,
    });
    open.push(ds);
    return ds;
  };
  const tables = async (ds: DataSource) =>
    (
      await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'migrations' ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(open.map((ds) => (ds.isInitialized ? ds.destroy() : undefined)));
    await db?.drop();
  });

  test('api tokens - up stores hashed tokens with at least one scope; down drops the table', async () => {
    const ds = source('m1', 1);
    await initializePostgres(ds);
    await ds.query(
      `INSERT INTO api_tokens (token_id, name, secret_sha256, scopes) VALUES (gen_random_uuid(), 'a', '\\x01', '{read}')`,
    );
    await expect(
      ds.query(
        `INSERT INTO api_tokens (token_id, name, secret_sha256, scopes) VALUES (gen_random_uuid(), 'b', '\\x02', '{}')`,
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(
      ds.query(
        `INSERT INTO api_tokens (token_id, name, secret_sha256, scopes) VALUES (gen_random_uuid(), 'c', '\\x01', '{read}')`,
      ),
    ).rejects.toThrow(/duplicate key/);
    await ds.undoLastMigration({ transaction: 'all' });
    expect(await tables(ds)).toEqual([]);
  });

  test('audit log - up on a schema holding tokens keeps them; down keeps them too', async () => {
    const before = source('m2', 1);
    await initializePostgres(before);
    await before.query(
      `INSERT INTO api_tokens (token_id, name, secret_sha256, scopes) VALUES (gen_random_uuid(), 'a', '\\x01', '{admin}')`,
    );
    const withIt = source('m2', 2);
    await initializePostgres(withIt);
    await withIt.query(
      `INSERT INTO audit_log (at, method, route, url, status, duration_ms, request_id) VALUES (now(), 'POST', '/api/v1/runs', '/api/v1/runs', 201, 1.5, 'req-1')`,
    );
    expect(await tables(withIt)).toEqual(['api_tokens', 'audit_log']);
    await withIt.undoLastMigration({ transaction: 'all' });
    expect(await tables(withIt)).toEqual(['api_tokens']);
    expect(await withIt.query('SELECT name FROM api_tokens')).toEqual([{ name: 'a' }]);
  });
});
