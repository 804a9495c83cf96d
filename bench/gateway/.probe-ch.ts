import { createClickHouse } from '@slipway/persistence';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
(async () => {
  const h = await createClickHouse({ dataPath: mkdtempSync(join(tmpdir(), 'chp-')), database: 'probe' });
  await h.client.command({ query: 'CREATE TABLE t (a UInt64, b String) ENGINE = MergeTree ORDER BY a' });
  const time = async (name: string, n: number, fn: () => Promise<unknown>) => {
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    console.log(name, ((performance.now() - t) / n).toFixed(2), 'ms each');
  };
  await time('select 1', 50, () =>
    h.client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json()),
  );
  await time('insert 1 row', 50, () =>
    h.client.insert({ table: 't', values: [{ a: 1, b: 'x' }], format: 'JSONEachRow' }),
  );
  await time('select count', 50, () =>
    h.client.query({ query: 'SELECT count() FROM t', format: 'JSONEachRow' }).then((r) => r.json()),
  );
  const t = performance.now();
  await Promise.all(
    Array.from({ length: 50 }, () =>
      h.client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json()),
    ),
  );
  console.log('50 parallel select 1', (performance.now() - t).toFixed(1), 'ms total');
  await h.close();
  process.exit(0);
})();
