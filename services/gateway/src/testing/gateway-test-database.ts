import { createPostgresDataSource, initializePostgres } from '@slipway/persistence';
import { createTestDatabase, type TestDatabase } from '@slipway/testing';
import type { DataSource } from 'typeorm';
import { gatewayMigrations } from '../persistence/gateway.schema';

/** A scratch Postgres database with the gateway's schema migrated, for integration tests. */
export interface GatewayTestDatabase {
  db: TestDatabase;
  ds: DataSource;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

export async function openGatewayTestDatabase(poolSize = 2): Promise<GatewayTestDatabase> {
  const db = await createTestDatabase();
  const ds = createPostgresDataSource({
    url: db.url,
    schema: 'gateway',
    migrations: gatewayMigrations,
    poolSize,
  });
  await initializePostgres(ds);
  return {
    db,
    ds,
    async close() {
      if (ds.isInitialized) await ds.destroy();
      await db.drop();
    },
  };
}
