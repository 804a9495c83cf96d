import { createPostgresDataSource, initializePostgres } from '@slipway/persistence';
import { createTestDatabase, type TestDatabase } from '@slipway/testing';
import type { DataSource } from 'typeorm';
import { trackingMigrations } from '../tracking.schema';

/** A database of its own with the `tracking` schema migrated, for one integration suite. */
export interface TrackingTestDatabase {
  dataSource: DataSource;
  database: TestDatabase;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

/** Creates a test database and runs every tracking migration in it. */
export async function openTrackingTestDatabase(): Promise<TrackingTestDatabase> {
  const database = await createTestDatabase();
  const dataSource = createPostgresDataSource({
    url: database.url,
    schema: 'tracking',
    migrations: trackingMigrations,
    poolSize: 8,
  });
  try {
    await initializePostgres(dataSource);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    dataSource,
    database,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    },
  };
}
