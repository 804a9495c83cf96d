import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@slipway/testing';
import { checkPostgres, createPostgresDataSource, initializePostgres } from './postgres-data-source';

class CreateWidgets1700000000000 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(
      'CREATE TABLE widgets (id serial PRIMARY KEY, name text NOT NULL, size_cm integer NOT NULL)',
    );
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE widgets');
  }
}

/** The migration under test: centimetres become millimetres, keeping the data. */
class WidgetSizeInMm1700000000001 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query('ALTER TABLE widgets ADD COLUMN size_mm integer');
    await q.query('UPDATE widgets SET size_mm = size_cm * 10');
    await q.query('ALTER TABLE widgets ALTER COLUMN size_mm SET NOT NULL, DROP COLUMN size_cm');
  }
  async down(q: QueryRunner) {
    await q.query('ALTER TABLE widgets ADD COLUMN size_cm integer');
    await q.query('UPDATE widgets SET size_cm = size_mm / 10');
    await q.query('ALTER TABLE widgets ALTER COLUMN size_cm SET NOT NULL, DROP COLUMN size_mm');
  }
}

class Broken1700000000002 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query('CREATE TABLE gadgets (id serial PRIMARY KEY)');
    await q.query('SELECT no_such_function()');
  }
  async down() {}
}

describe('Postgres data source', () => {
  let db: TestDatabase;
  const open: DataSource[] = [];
  const dataSource = (migrations: MigrationInterface['constructor'][], schema = 'sample') => {
    const ds = createPostgresDataSource({
      url: db.url,
      schema,
      migrations: migrations as never,
      poolSize: 3,
    });
    open.push(ds);
    return ds;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((ds) => (ds.isInitialized ? ds.destroy() : undefined)));
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('migration - up on data converts it, down restores it', async () => {
    const v1 = dataSource([CreateWidgets1700000000000]);
    await initializePostgres(v1);
    await v1.query(`INSERT INTO widgets (name, size_cm) VALUES ('bolt', 2), ('plate', 30)`);

    const v2 = dataSource([CreateWidgets1700000000000, WidgetSizeInMm1700000000001]);
    const ran = await initializePostgres(v2);
    expect(ran.map((m) => m.name)).toEqual(['WidgetSizeInMm1700000000001']);
    expect(await v2.query('SELECT name, size_mm FROM sample.widgets ORDER BY id')).toEqual([
      { name: 'bolt', size_mm: 20 },
      { name: 'plate', size_mm: 300 },
    ]);

    await v2.undoLastMigration({ transaction: 'all' });
    expect(await v2.query('SELECT name, size_cm FROM sample.widgets ORDER BY id')).toEqual([
      { name: 'bolt', size_cm: 2 },
      { name: 'plate', size_cm: 30 },
    ]);
  });

  test('schema - tables and the migrations table live in the service schema', async () => {
    const ds = dataSource([CreateWidgets1700000000000], 'other_service');
    await initializePostgres(ds);
    const tables = await ds.query(
      `SELECT table_schema, table_name FROM information_schema.tables
       WHERE table_name IN ('widgets', 'migrations') AND table_schema = 'other_service' ORDER BY table_name`,
    );
    expect(tables).toEqual([
      { table_schema: 'other_service', table_name: 'migrations' },
      { table_schema: 'other_service', table_name: 'widgets' },
    ]);
    const publicTables = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(publicTables).toEqual([]);
  });

  test('idempotent - a second start runs nothing; replicas starting together apply once', async () => {
    const [a, b] = [
      dataSource([CreateWidgets1700000000000], 'racing'),
      dataSource([CreateWidgets1700000000000], 'racing'),
    ];
    const [ranA, ranB] = await Promise.all([initializePostgres(a), initializePostgres(b)]);
    expect(ranA.length + ranB.length).toBe(1);
    expect(await initializePostgres(a)).toEqual([]);
    expect(await a.query('SELECT count(*)::int AS n FROM racing.migrations')).toEqual([{ n: 1 }]);
  });

  test('failure - a failing migration leaves none of the pending ones applied', async () => {
    const ds = dataSource([CreateWidgets1700000000000, Broken1700000000002], 'broken');
    await expect(initializePostgres(ds)).rejects.toThrow(/no_such_function/);
    const tables = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'broken'`,
    );
    expect(
      tables.map((t: { table_name: string }) => t.table_name).filter((n: string) => n !== 'migrations'),
    ).toEqual([]);
  });

  test('readiness - checkPostgres resolves on a live pool and rejects on a closed one', async () => {
    const ds = dataSource([]);
    await initializePostgres(ds);
    await expect(checkPostgres(ds)).resolves.toBeUndefined();
    await ds.destroy();
    await expect(checkPostgres(ds)).rejects.toThrow('not initialized');
  });

  test('schema name - refuses one that would need quoting', () => {
    expect(() => createPostgresDataSource({ url: db.url, schema: 'Bad-Name' })).toThrow(/lower-case letters/);
  });
});
