import { Client } from 'pg';

/** Runs `work` with a connected client and always closes it. */
export async function withPostgres<T>(
  connectionString: string,
  work: (client: Client) => Promise<T>,
  timeoutMs = 5000,
): Promise<T> {
  const client = new Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates `database` unless it exists; true when it was created. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<boolean> {
  return withPostgres(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return true;
  });
}
