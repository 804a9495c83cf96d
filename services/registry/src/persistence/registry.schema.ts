import type { PostgresEntities, PostgresMigrations } from '@slipway/persistence';

/** TypeORM entities of the `registry` Postgres schema (owned by this service alone). */
export const registryEntities: PostgresEntities = [];

/** Migrations of the `registry` schema, oldest first; one per change, never edited once released. */
export const registryMigrations: PostgresMigrations = [];
