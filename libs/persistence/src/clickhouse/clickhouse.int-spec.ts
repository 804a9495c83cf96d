import { createTestClickHouse, type TestClickHouse } from '@slipway/testing';
import {
  checkClickHouse,
  createClickHouse,
  formattedInserter,
  type ClickHouseHandle,
} from './clickhouse-client';
import {
  revertClickHouseMigration,
  runClickHouseMigrations,
  type ClickHouseMigration,
} from './clickhouse-migrations';
import { fromClickHouseFloat, toClickHouseFloat } from './float';

const v1: ClickHouseMigration = {
  version: 1,
  name: 'create_points',
  up: [
    'CREATE TABLE IF NOT EXISTS points (run_id String, step UInt32, value Float64) ENGINE = MergeTree ORDER BY (run_id, step)',
  ],
  down: ['DROP TABLE IF EXISTS points'],
};
const v2: ClickHouseMigration = {
  version: 2,
  name: 'add_points_key',
  up: ["ALTER TABLE points ADD COLUMN IF NOT EXISTS key LowCardinality(String) DEFAULT 'loss'"],
  down: ['ALTER TABLE points DROP COLUMN IF EXISTS key'],
};

describe('ClickHouse', () => {
  let place: TestClickHouse;
  let ch: ClickHouseHandle;

  beforeAll(async () => {
    place = await createTestClickHouse();
    ch = await createClickHouse({ url: place.url, dataPath: place.dataPath, database: place.database });
  });
  afterAll(async () => {
    await ch?.close();
    await place?.close();
  });

  const rows = async <T>(query: string, query_params?: Record<string, unknown>) =>
    (await ch.client.query({ query, query_params, format: 'JSONEachRow' })).json<T>();

  test('createClickHouse - the service database exists and is the default', async () => {
    expect(ch.mode).toBe(place.url ? 'server' : 'embedded');
    expect(await rows('SELECT currentDatabase() AS db')).toEqual([{ db: place.database }]);
    await expect(checkClickHouse(ch.client)).resolves.toBeUndefined();
  });

  test('migrations - apply in order once, record them, revert the latest', async () => {
    expect((await runClickHouseMigrations(ch.client, ch.database, [v2, v1])).map((m) => m.version)).toEqual([
      1, 2,
    ]);
    expect(await runClickHouseMigrations(ch.client, ch.database, [v1, v2])).toEqual([]);

    await ch.client.insert({
      table: 'points',
      values: [{ run_id: 'r1', step: 1, value: 0.5 }],
      format: 'JSONEachRow',
    });
    expect(await rows('SELECT run_id, key FROM points')).toEqual([{ run_id: 'r1', key: 'loss' }]);

    expect((await revertClickHouseMigration(ch.client, ch.database, [v1, v2]))?.version).toBe(2);
    expect(
      await rows(
        "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = 'points' ORDER BY position",
      ),
    ).toEqual([{ name: 'run_id' }, { name: 'step' }, { name: 'value' }]);
    expect(await rows('SELECT run_id, value FROM points')).toEqual([{ run_id: 'r1', value: 0.5 }]);

    expect((await runClickHouseMigrations(ch.client, ch.database, [v1, v2])).map((m) => m.version)).toEqual([
      2,
    ]);
  });

  test('migrations - a recorded version under another name stops the run', async () => {
    await runClickHouseMigrations(ch.client, ch.database, [v1]);
    await expect(
      runClickHouseMigrations(ch.client, ch.database, [{ ...v1, name: 'renamed' }]),
    ).rejects.toMatchObject({
      code: 'PERSISTENCE.MIGRATION_MISMATCH',
    });
  });

  test('query parameters - {x:UInt32} and {s:String} round trip without SQL building', async () => {
    const result = await rows<{ x: number; s: string }>('SELECT {x:UInt32} AS x, {s:String} AS s', {
      x: 4_000_000_000,
      s: "it's; DROP TABLE points",
    });
    expect(result).toEqual([{ x: 4_000_000_000, s: "it's; DROP TABLE points" }]);
  });

  test('floats - NaN and infinities are stored in a Float64 column and read back', async () => {
    await ch.client.command({
      query: 'CREATE TABLE floats (i UInt32, v Float64) ENGINE = MergeTree ORDER BY i',
    });
    const values = [NaN, Infinity, -Infinity, 1.5];
    await ch.client.insert({
      table: 'floats',
      values: values.map((v, i) => ({ i, v: toClickHouseFloat(v) })),
      format: 'JSONEachRow',
    });
    const stored = await rows<{ v: number | string; nan: number }>(
      'SELECT v, isNaN(v) AS nan FROM floats ORDER BY i',
    );
    expect(stored.map((r) => r.nan)).toEqual([1, 0, 0, 0]);
    expect(stored.map((r) => fromClickHouseFloat(r.v))).toEqual(values);
  });

  test('insertFormatted - pre-encoded rows, NaN included, by the handle and through the client alone', async () => {
    await ch.client.command({
      query:
        'CREATE TABLE encoded (run_id String, step UInt32, value Float64) ENGINE = MergeTree ORDER BY (run_id, step)',
    });
    const insert = (body: string) => ({
      table: 'encoded',
      columns: ['run_id', 'step', 'value'],
      format: 'JSONCompactEachRow' as const,
      body: Buffer.from(body),
    });
    // Embedded, the handle uses chDB's raw insert; the client-only inserter is the server's path.
    await ch.insertFormatted(insert('["a",1,0.5]\n["a",2,"nan"]\n'));
    await formattedInserter({ client: ch.client, database: ch.database })(insert('["b",1,-1]\n'));
    expect(await rows('SELECT run_id, step, isNaN(value) AS nan FROM encoded ORDER BY run_id, step')).toEqual(
      [
        { run_id: 'a', step: 1, nan: 0 },
        { run_id: 'a', step: 2, nan: 1 },
        { run_id: 'b', step: 1, nan: 0 },
      ],
    );
  });

  test('insertFormatted - a bad row fails the whole insert; a bad identifier is refused before SQL', async () => {
    await expect(
      ch.insertFormatted({
        table: 'encoded',
        columns: ['run_id', 'step', 'value'],
        format: 'JSONCompactEachRow',
        body: Buffer.from('["c",1,1]\n["c","not a step",1]\n'),
      }),
    ).rejects.toThrow();
    expect(await rows("SELECT toUInt32(count()) AS n FROM encoded WHERE run_id = 'c'")).toEqual([{ n: 0 }]);
    await expect(
      ch.insertFormatted({
        table: 'encoded; DROP TABLE encoded',
        columns: ['run_id'],
        format: 'JSONCompactEachRow',
        body: Buffer.from('["d"]\n'),
      }),
    ).rejects.toMatchObject({ code: 'PERSISTENCE.INVALID_DEFINITION' });
  });
});
