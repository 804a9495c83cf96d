import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClickHouseClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { assertTestDatabaseName, randomSuffix } from './names';

/** A ClickHouse database of its own for one test suite. */
export interface TestClickHouse {
  /** A client whose default database is {@link database}. */
  client: ClickHouseClient;
  /** `slipway_test_<random>`. */
  database: string;
  /** The server (`CLICKHOUSE_URL`), or undefined when embedded. */
  url?: string;
  /** The chDB data directory when embedded; pass it as `dataPath` to code under test (same-path connections coexist). */
  dataPath?: string;
  /** chDB's own calls (raw insert) when embedded: pass to persistence's `formattedInserter`. */
  chdb?: { rawInsert(params: Record<string, unknown>): Promise<unknown> };
  /** Drops the database (server) or removes the data directory (embedded), and closes the client. */
  close(): Promise<void>;
}

type ChdbConnection = NonNullable<ClickHouseClientConfigOptions['connection']> & {
  chdb: NonNullable<TestClickHouse['chdb']>;
};

// Mirrors `DEFAULT_CLICKHOUSE_SETTINGS` of @slipway/persistence, which this lib must not import
// (persistence's own tests use this one).
const SETTINGS = { output_format_json_quote_denormals: 1 } as const;

async function onServer(url: string, database: string): Promise<TestClickHouse> {
  const admin = createClient({ url });
  try {
    await admin.command({ query: `CREATE DATABASE \`${database}\`` });
  } finally {
    await admin.close();
  }
  const client = createClient({ url, database, clickhouse_settings: SETTINGS });
  return {
    client,
    database,
    url,
    close: async () => {
      try {
        await client.command({ query: `DROP DATABASE IF EXISTS \`${assertTestDatabaseName(database)}\`` });
      } finally {
        await client.close();
      }
    },
  };
}

async function embedded(database: string): Promise<TestClickHouse> {
  let chdb: { createChdbConnection(o: { path: string }): ChdbConnection };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional native dependency, loaded only here
    chdb = require('chdb/connection');
  } catch (error) {
    throw new Error(
      'createTestClickHouse needs CLICKHOUSE_URL or the optional package chdb (npm install chdb)',
      {
        cause: error,
      },
    );
  }
  const { createChdbConnection } = chdb;
  const dataPath = await mkdtemp(join(tmpdir(), 'slipway-chdb-'));
  const connection = createChdbConnection({ path: dataPath });
  const client = createClient({ connection, clickhouse_settings: SETTINGS });
  try {
    await client.command({ query: `CREATE DATABASE \`${database}\`` });
    await client.command({ query: `USE \`${database}\`` });
  } catch (error) {
    await client.close();
    await rm(dataPath, { recursive: true, force: true });
    throw error;
  }
  return {
    client,
    database,
    dataPath,
    chdb: connection.chdb,
    close: async () => {
      await client.close();
      await rm(dataPath, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh database `slipway_test_<random>`: on the server of `CLICKHOUSE_URL` when set, else in
 * embedded chDB in a new temporary directory. chDB holds one data directory per process, so a
 * suite closes it before another suite in the same worker opens its own.
 */
export async function createTestClickHouse(): Promise<TestClickHouse> {
  const database = assertTestDatabaseName(`slipway_test_${randomSuffix()}`);
  const url = process.env['CLICKHOUSE_URL'];
  return url ? onServer(url, database) : embedded(database);
}
