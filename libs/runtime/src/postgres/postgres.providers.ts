import type { FactoryProvider } from '@nestjs/common';
import { checkPostgres, createPostgresDataSource, initializePostgres } from '@slipway/persistence';
import type { DataSource } from 'typeorm';
import type { DependencyCheck } from '../health/dependency-check';
import type { PostgresOptions } from '../service-kit.options';
import { DATA_SOURCE } from '../service-kit.tokens';

/** Opens the service's Postgres pool, creates its schema and runs its pending migrations before it starts. */
export function postgresProvider(options: PostgresOptions): FactoryProvider<DataSource> {
  return {
    provide: DATA_SOURCE,
    useFactory: async () => {
      const ds = createPostgresDataSource({
        url: options.url,
        schema: options.schema,
        entities: options.entities,
        migrations: options.migrations,
        poolSize: options.poolSize,
      });
      await initializePostgres(ds);
      return ds;
    },
  };
}

export function postgresCheck(ds: DataSource): DependencyCheck {
  return { name: 'postgres', check: () => checkPostgres(ds) };
}
