import {
  DataSource,
  MigrationExecutor,
  type DataSourceOptions,
  type LoggerOptions,
  type Migration,
} from 'typeorm';
import { assertIdentifier } from '../identifier';

/** Options of {@link createPostgresDataSource}. */
export interface PostgresDataSourceOptions {
  /** `postgres://user:pass@host:5432/db` (`DATABASE_URL`). */
  url: string;
  /** The schema the service owns (`tracking`); tables, and the migrations table, live there. */
  schema: string;
  /** Entity classes. */
  entities?: PostgresEntities;
  /** Migration classes, named `<Name><13-digit timestamp>` as TypeORM requires. */
  migrations?: PostgresMigrations;
  /** Maximum pooled connections (`DATABASE_POOL_SIZE`); default 10. */
  poolSize?: number;
  /** TypeORM query logging; default off. */
  logging?: LoggerOptions;
  /** Shown in `pg_stat_activity`; default the schema name. */
  applicationName?: string;
}

/**
 * A TypeORM data source for one service schema: no `synchronize`, migrations recorded in
 * `<schema>.migrations`, and `search_path` set to the schema so raw SQL in migrations and
 * repositories needs no prefix. Call {@link initializePostgres} before use.
 */
export function createPostgresDataSource(options: PostgresDataSourceOptions): DataSource {
  const schema = assertIdentifier('Postgres schema', options.schema);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
    logging: options.logging ?? false,
    applicationName: options.applicationName ?? schema,
    extra: { options: `-c search_path=${schema},public` },
  });
}

/**
 * Connects (if not yet), creates the schema if missing and runs pending migrations in one
 * transaction: all apply or none. A session advisory lock per schema makes replicas starting
 * together take turns instead of racing. Returns the migrations it ran.
 */
export async function initializePostgres(dataSource: DataSource): Promise<Migration[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const schema = assertIdentifier('Postgres schema', String(dataSource.driver.schema));
  const lockKey = `slipway.migrations.${schema}`;
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      return await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
  } finally {
    await runner.release();
  }
}

/** Readiness probe: `SELECT 1` through the pool; rejects when Postgres cannot answer. */
export async function checkPostgres(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) throw new Error('Postgres data source is not initialized');
  await dataSource.query('SELECT 1');
}

/** The entity classes (or schemas) of a service's Postgres schema. */
export type PostgresEntities = NonNullable<DataSourceOptions['entities']>;
/** The migration classes of a service's Postgres schema, oldest first. */
export type PostgresMigrations = NonNullable<DataSourceOptions['migrations']>;
