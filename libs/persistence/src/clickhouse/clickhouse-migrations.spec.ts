import type { ClickHouseClient } from '@clickhouse/client';
import { runClickHouseMigrations } from './clickhouse-migrations';

// Definitions are checked before any statement is sent, so a client that must not be called will do.
const unusedClient = new Proxy(
  {},
  { get: () => () => Promise.reject(new Error('client used')) },
) as ClickHouseClient;

describe('runClickHouseMigrations - definitions', () => {
  test('duplicate versions are refused', async () => {
    const m = { version: 1, name: 'a', up: [] };
    await expect(runClickHouseMigrations(unusedClient, 'db', [m, { ...m, name: 'b' }])).rejects.toMatchObject(
      {
        code: 'PERSISTENCE.INVALID_DEFINITION',
        message: 'duplicate migration version 1',
      },
    );
  });

  test('versions must be positive integers', async () => {
    await expect(
      runClickHouseMigrations(unusedClient, 'db', [{ version: 1.5, name: 'a', up: [] }]),
    ).rejects.toMatchObject({
      code: 'PERSISTENCE.INVALID_DEFINITION',
    });
  });
});
