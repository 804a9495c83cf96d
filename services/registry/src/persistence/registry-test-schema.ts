import { randomBytes } from 'node:crypto';
import { createPostgresDataSource, initializePostgres } from '@slipway/persistence';
import type { DataSource } from 'typeorm';
import { registryMigrations } from './registry.schema';

/**
 * For integration tests and benchmarks: a data source on a fresh schema of the database at
 * `url`, with every registry migration applied.
 */
export async function openRegistrySchema(url: string, poolSize = 10): Promise<DataSource> {
  const dataSource = createPostgresDataSource({
    url,
    schema: `registry_${randomBytes(4).toString('hex')}`,
    migrations: registryMigrations,
    poolSize,
  });
  await initializePostgres(dataSource);
  return dataSource;
}
