import type { ClickHouseClient } from '@clickhouse/client';
import { SlipwayError } from '@slipway/contracts';
import { assertIdentifier } from '../identifier';
import { PersistenceErrorCodes } from '../persistence-errors';

/**
 * One versioned change of a ClickHouse database. Statements run one by one (ClickHouse takes
 * one per request) without a transaction, against the client's default database: write them
 * idempotent (`IF NOT EXISTS`) so a migration that failed half-way can simply run again.
 */
export interface ClickHouseMigration {
  /** Positive integer, unique; migrations apply in ascending order. */
  version: number;
  /** Human name (`create_metrics`); recorded, and checked against the record on later runs. */
  name: string;
  up: string[];
  /** Statements undoing `up`; without them the migration cannot be reverted. */
  down?: string[];
}

const TABLE = 'schema_migrations';

function fail(code: string, message: string): never {
  throw new SlipwayError(code, message);
}

function sorted(migrations: readonly ClickHouseMigration[]): ClickHouseMigration[] {
  const seen = new Set<number>();
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= 0 || m.version > 0xffffffff) {
      fail(
        PersistenceErrorCodes.INVALID_DEFINITION,
        `migration "${m.name}": version must be a positive integer`,
      );
    }
    if (seen.has(m.version))
      fail(PersistenceErrorCodes.INVALID_DEFINITION, `duplicate migration version ${m.version}`);
    seen.add(m.version);
  }
  return [...migrations].sort((a, b) => a.version - b.version);
}

/**
 * Prepares the migrations log of `database`, checks that the client's default database is that
 * one, and returns the applied versions with their names. The log is append-only (an `up` or
 * `down` row per change, latest wins), so it needs no mutations and works on any engine setup.
 */
async function appliedMigrations(client: ClickHouseClient, database: string): Promise<Map<number, string>> {
  const db = assertIdentifier('ClickHouse database', database);
  const current = await client.query({ query: 'SELECT currentDatabase() AS db', format: 'JSONEachRow' });
  const [{ db: currentDb }] = await current.json<{ db: string }>();
  if (currentDb !== db) {
    fail(
      PersistenceErrorCodes.INVALID_DEFINITION,
      `client's default database is "${currentDb}", not "${db}"`,
    );
  }
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS \`${db}\`.${TABLE} (
      version UInt32, name String, direction LowCardinality(String), at DateTime64(6, 'UTC') DEFAULT now64(6)
    ) ENGINE = MergeTree ORDER BY (version, at)`,
  });
  const result = await client.query({
    query: `SELECT version, argMax(name, at) AS name FROM \`${db}\`.${TABLE}
      GROUP BY version HAVING argMax(direction, at) = 'up' ORDER BY version`,
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ version: number; name: string }>();
  return new Map(rows.map((r) => [Number(r.version), r.name]));
}

async function record(
  client: ClickHouseClient,
  database: string,
  m: ClickHouseMigration,
  direction: 'up' | 'down',
) {
  await client.insert({
    table: `${database}.${TABLE}`,
    values: [{ version: m.version, name: m.name, direction }],
    format: 'JSONEachRow',
  });
}

/**
 * Applies the migrations not yet applied to `database`, in version order, and returns them.
 * Running it again applies nothing. A recorded version whose name differs from the code's
 * stops it with `PERSISTENCE.MIGRATION_MISMATCH`.
 */
export async function runClickHouseMigrations(
  client: ClickHouseClient,
  database: string,
  migrations: readonly ClickHouseMigration[],
): Promise<ClickHouseMigration[]> {
  const all = sorted(migrations);
  const applied = await appliedMigrations(client, database);
  for (const m of all) {
    const recorded = applied.get(m.version);
    if (recorded !== undefined && recorded !== m.name) {
      fail(
        PersistenceErrorCodes.MIGRATION_MISMATCH,
        `migration ${m.version} is "${m.name}" in code but "${recorded}" in ${database}`,
      );
    }
  }
  const pending = all.filter((m) => !applied.has(m.version));
  for (const m of pending) {
    for (const statement of m.up) await client.command({ query: statement });
    await record(client, database, m, 'up');
  }
  return pending;
}

/**
 * Reverts the latest applied migration of `database` with its `down` statements and returns
 * it, or `undefined` when none is applied.
 */
export async function revertClickHouseMigration(
  client: ClickHouseClient,
  database: string,
  migrations: readonly ClickHouseMigration[],
): Promise<ClickHouseMigration | undefined> {
  const applied = await appliedMigrations(client, database);
  const latest = Math.max(...applied.keys());
  if (!Number.isFinite(latest)) return undefined;
  const m = sorted(migrations).find((candidate) => candidate.version === latest);
  if (!m)
    fail(
      PersistenceErrorCodes.MIGRATION_MISMATCH,
      `migration ${latest} is applied in ${database} but unknown to the code`,
    );
  if (!m.down)
    fail(
      PersistenceErrorCodes.INVALID_DEFINITION,
      `migration ${m.version} "${m.name}" has no down statements`,
    );
  for (const statement of m.down) await client.command({ query: statement });
  await record(client, database, m, 'down');
  return m;
}
