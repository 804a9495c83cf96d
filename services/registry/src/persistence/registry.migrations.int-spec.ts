import { createPostgresDataSource, initializePostgres } from '@slipway/persistence';
import { createTestDatabase, type TestDatabase } from '@slipway/testing';
import type { DataSource } from 'typeorm';
import { registryMigrations } from './registry.schema';

/** Each migration run up on a schema holding the data of the ones before, then down. */
describe('registry migrations', () => {
  let db: TestDatabase;
  const open: DataSource[] = [];
  let schemaCount = 0;

  async function migrated(
    count: number,
    schema = `registry_migration_${schemaCount++}`,
  ): Promise<DataSource> {
    const ds = createPostgresDataSource({
      url: db.url,
      schema,
      migrations: registryMigrations.slice(0, count),
      poolSize: 2,
    });
    open.push(ds);
    await initializePostgres(ds);
    return ds;
  }
  const tables = async (ds: DataSource) =>
    (
      await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'migrations' ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((ds) => (ds.isInitialized ? ds.destroy() : undefined)));
  });
  afterAll(async () => {
    await db?.drop();
  });

  const insert = (ds: DataSource, stream: string, version: number) =>
    ds.query(
      `INSERT INTO events (stream_id, stream_version, event_id, type, data, metadata)
       VALUES ($1, $2, gen_random_uuid(), 't.v1', '{"n":1}', '{"actor":{"id":"u","kind":"user"}}')
       RETURNING global_position::int AS position`,
      [stream, version],
    );

  test('CreateEventStore - positions grow, versions unique per stream, rows cannot change; down drops all', async () => {
    const ds = await migrated(1);
    expect(await tables(ds)).toEqual(['events', 'relay_checkpoints']);
    const [[a], [b]] = [await insert(ds, 'model-a', 1), await insert(ds, 'model-b', 1)];
    expect(b.position).toBeGreaterThan(a.position);
    await expect(insert(ds, 'model-a', 1)).rejects.toThrow(/events_stream_version_key/);
    await expect(insert(ds, 'model-a', 0)).rejects.toThrow(/events_stream_version_check/);
    await expect(ds.query(`UPDATE events SET data = '{}'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(ds.query('DELETE FROM events')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(ds.query('TRUNCATE events')).rejects.toThrow(/append-only: TRUNCATE refused/);
    const [row] = await ds.query(`SELECT recorded_at, metadata FROM events WHERE stream_id = 'model-a'`);
    expect(row.recorded_at).toBeInstanceOf(Date);
    expect(row.metadata).toEqual({ actor: { id: 'u', kind: 'user' } });
    await ds.query(`INSERT INTO relay_checkpoints (name, position) VALUES ('jetstream', 2)`);
    await expect(
      ds.query(`INSERT INTO relay_checkpoints (name, position) VALUES ('bad', -1)`),
    ).rejects.toThrow(/check/);

    await ds.undoLastMigration({ transaction: 'all' });
    expect(await tables(ds)).toEqual([]);
    const functions = await ds.query(
      `SELECT proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace`,
    );
    expect(functions).toEqual([]);

    // Up again on the emptied schema.
    const again = await migrated(1, String(ds.driver.schema));
    expect(await tables(again)).toEqual(['events', 'relay_checkpoints']);
  });

  test('CreateReadModels - versions, aliases and requests belong to a model; down drops only the read models', async () => {
    const ds = await migrated(2);
    expect(await tables(ds)).toEqual([
      'aliases',
      'events',
      'model_versions',
      'models',
      'promotion_requests',
      'relay_checkpoints',
    ]);
    await insert(ds, 'model-churn', 1);
    await ds.query(
      `INSERT INTO models (name, description, last_version, stream_version, position) VALUES ('churn', null, 1, 2, 2)`,
    );
    await ds.query(
      `INSERT INTO model_versions (model, version, source, flavor, status) VALUES ('churn', 1, 'runs:/r/model', 'sklearn', 'active')`,
    );
    await ds.query(`INSERT INTO aliases (model, alias, version) VALUES ('churn', 'production', 1)`);
    await expect(
      ds.query(`INSERT INTO aliases (model, alias, version) VALUES ('churn', 'staging', 9)`),
    ).rejects.toThrow(/foreign key/);
    await expect(
      ds.query(
        `INSERT INTO model_versions (model, version, source, flavor, status) VALUES ('churn', 2, 's', 'f', 'gone')`,
      ),
    ).rejects.toThrow(/check/);
    await ds.query(
      `INSERT INTO promotion_requests (id, model, version, alias, requested_by, reason, requires_approval)
       VALUES ('req1', 'churn', 1, 'champion', '{"id":"u","kind":"user"}', 'better', true)`,
    );
    await ds.query(`DELETE FROM models`);
    expect(await ds.query('SELECT count(*)::int AS n FROM aliases')).toEqual([{ n: 0 }]);

    await ds.undoLastMigration({ transaction: 'all' });
    expect(await tables(ds)).toEqual(['events', 'relay_checkpoints']);
    expect(await ds.query('SELECT count(*)::int AS n FROM events')).toEqual([{ n: 1 }]);
  });

  test('ModelStreamsAndTimes - fills stream ids and times from the events, keeps names unique per stream; down drops the columns', async () => {
    const schema = `registry_migration_${schemaCount++}`;
    const ds = await migrated(2, schema);
    const created = (version: number) =>
      ds.query(
        `INSERT INTO events (stream_id, stream_version, event_id, type, data, metadata)
         VALUES ('model-churn', $1, gen_random_uuid(), 'dev.slipway.registry.model-version.created.v1',
           jsonb_build_object('version', $2::int, 'createdBy', '{"id":"ada","kind":"user"}'::jsonb),
           '{"actor":{"id":"ada","kind":"user"}}')`,
        [version + 1, version],
      );
    await insert(ds, 'model-churn', 1);
    await created(1);
    await ds.query(
      `INSERT INTO models (name, description, last_version, stream_version, position) VALUES ('churn', null, 1, 2, 2)`,
    );
    await ds.query(
      `INSERT INTO model_versions (model, version, source, flavor, status) VALUES ('churn', 1, 'runs:/r/model', 'sklearn', 'active')`,
    );
    await ds.destroy();

    const up = await migrated(3, schema);
    const [model] = await up.query('SELECT stream_id, created_at, updated_at FROM models');
    expect(model.stream_id).toBe('model-churn');
    expect(model.created_at).toBeInstanceOf(Date);
    expect(model.updated_at.getTime()).toBeGreaterThanOrEqual(model.created_at.getTime());
    const [version] = await up.query('SELECT created_by, created_at FROM model_versions');
    expect(version.created_by).toEqual({ id: 'ada', kind: 'user' });
    expect(version.created_at).toBeInstanceOf(Date);
    await expect(
      up.query(
        `INSERT INTO models (name, stream_id, last_version, stream_version, position) VALUES ('other', 'model-churn', 0, 1, 1)`,
      ),
    ).rejects.toThrow(/models_stream_id_key/);

    await up.undoLastMigration({ transaction: 'all' });
    const columns = await up.query(
      `SELECT column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'models' ORDER BY 1`,
    );
    expect(columns.map((c: { column_name: string }) => c.column_name)).toEqual([
      'description',
      'last_version',
      'name',
      'position',
      'stream_version',
      'tags',
    ]);
    expect(await up.query('SELECT count(*)::int AS n FROM models')).toEqual([{ n: 1 }]);
  });
});
