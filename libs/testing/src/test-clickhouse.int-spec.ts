import { existsSync } from 'node:fs';
import { createTestClickHouse } from './test-clickhouse';

describe('createTestClickHouse', () => {
  test('fresh database - is the default for unqualified tables, and close cleans up', async () => {
    const ch = await createTestClickHouse();
    try {
      expect(ch.database).toMatch(/^slipway_test_[0-9a-f]{8}$/);
      await ch.client.command({ query: 'CREATE TABLE t (x UInt32) ENGINE = MergeTree ORDER BY x' });
      const result = await ch.client.query({
        query: 'SELECT database FROM system.tables WHERE name = {name:String}',
        query_params: { name: 't' },
        format: 'JSONEachRow',
      });
      expect(await result.json()).toEqual([{ database: ch.database }]);
    } finally {
      await ch.close();
    }
    if (ch.dataPath) expect(existsSync(ch.dataPath)).toBe(false);
  });

  test('sequential - a second instance in the same process opens after the first closed', async () => {
    const first = await createTestClickHouse();
    await first.close();
    const second = await createTestClickHouse();
    try {
      const result = await second.client.query({
        query: 'SELECT count() AS n FROM system.tables WHERE database = currentDatabase()',
        format: 'JSONEachRow',
      });
      expect(await result.json()).toEqual([{ n: expect.anything() }]);
      expect(second.database).not.toBe(first.database);
    } finally {
      await second.close();
    }
  });
});
