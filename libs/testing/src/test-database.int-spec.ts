import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from './test-database';

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function exists(adminUrl: string, name: string): Promise<boolean> {
  const rows = await query(adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length === 1;
}

const adminOf = (db: TestDatabase) => db.url.replace(`/${db.name}`, '/postgres');

describe('createTestDatabase', () => {
  test('server - creates an empty database of its own and drop removes it', async () => {
    const db = await createTestDatabase();
    try {
      expect(db.name).toMatch(/^slipway_test_[0-9a-f]{8}$/);
      const [row] = await query<{ db: string }>(db.url, 'SELECT current_database() AS db');
      expect(row.db).toBe(db.name);
    } finally {
      await db.drop();
    }
    expect(await exists(adminOf(db), db.name)).toBe(false);
  });

  test('parallel - two databases do not collide', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await Promise.all([a.drop(), b.drop()]);
    expect(a.name).not.toBe(b.name);
  });

  test('drop - works while a connection is still open', async () => {
    const db = await createTestDatabase();
    const client = new Client({ connectionString: db.url });
    client.on('error', () => undefined);
    await client.connect();
    await db.drop();
    expect(await exists(adminOf(db), db.name)).toBe(false);
    await client.end().catch(() => undefined);
  });

  test('refusal - a name without "test" is never created', async () => {
    await expect(createTestDatabase({ name: 'slipway' })).rejects.toThrow('must contain "test"');
  });

  test('embedded - unreachable server falls back to embedded Postgres, stopped after the last drop', async () => {
    const db = await createTestDatabase({ adminUrl: 'postgres://postgres@127.0.0.1:1/postgres' });
    try {
      expect(db.url).not.toContain(':1/');
      const [row] = await query<{ db: string; version: string }>(
        db.url,
        'SELECT current_database() AS db, version() AS version',
      );
      expect(row.db).toBe(db.name);
    } finally {
      await db.drop();
    }
    await expect(query(adminOf(db), 'SELECT 1')).rejects.toThrow();
  }, 120_000);
});
