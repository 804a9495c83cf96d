import { Client } from 'pg';
import { acquireEmbeddedPostgres, releaseEmbeddedPostgres } from './embedded-postgres';
import { assertTestDatabaseName, randomSuffix } from './names';

/** A Postgres database of its own for one test suite. */
export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string;
  name: string;
  /** Drops the database (closing its connections) and stops embedded Postgres if this was its last user. */
  drop(): Promise<void>;
}

/** Options of {@link createTestDatabase}. */
export interface TestDatabaseOptions {
  /** Server to create the database on; default `DATABASE_URL`, else `postgres://postgres@127.0.0.1:5432/postgres`. */
  adminUrl?: string;
  /** Database name (must contain "test"); default `slipway_test_<random>`. */
  name?: string;
  /** Use embedded Postgres even when the admin server is reachable. */
  embedded?: boolean;
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

interface Admin {
  client: Client;
  url: string;
  embedded: boolean;
}

/** An admin connection to `url`, or to the `postgres` database of its server if `url`'s database is missing. */
async function connectServer(url: string): Promise<Admin | undefined> {
  try {
    return { client: await connect(url), url, embedded: false };
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') return undefined;
    const fallback = withDatabase(url, 'postgres');
    return connect(fallback).then(
      (client) => ({ client, url: fallback, embedded: false }),
      () => undefined,
    );
  }
}

async function connectEmbedded(): Promise<Admin> {
  const url = await acquireEmbeddedPostgres();
  try {
    return { client: await connect(url), url, embedded: true };
  } catch (error) {
    await releaseEmbeddedPostgres();
    throw error;
  }
}

/**
 * Creates an empty database `slipway_test_<random>` so suites can run in parallel: on the
 * server of `DATABASE_URL` (or the local default) when reachable, else on embedded Postgres
 * started for this process (root-safe: it then runs as the OS user `postgres`).
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = assertTestDatabaseName(options.name ?? `slipway_test_${randomSuffix()}`);
  const requested = options.adminUrl ?? process.env['DATABASE_URL'] ?? DEFAULT_ADMIN_URL;
  const admin = (options.embedded ? undefined : await connectServer(requested)) ?? (await connectEmbedded());
  try {
    await admin.client.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    if (admin.embedded) await releaseEmbeddedPostgres();
    throw error;
  } finally {
    await admin.client.end();
  }
  let dropped = false;
  return {
    url: withDatabase(admin.url, name),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const client = await connect(admin.url);
      try {
        await client.query(`DROP DATABASE IF EXISTS "${assertTestDatabaseName(name)}" WITH (FORCE)`);
      } finally {
        await client.end();
        if (admin.embedded) await releaseEmbeddedPostgres();
      }
    },
  };
}
