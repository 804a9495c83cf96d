import type { PostgresEntities, PostgresMigrations } from '@slipway/persistence';

/** TypeORM entities of the `gateway` Postgres schema (owned by this service alone). */
export const gatewayEntities: PostgresEntities = [];

/** Migrations of the `gateway` schema, oldest first; one per change, never edited once released. */
export const gatewayMigrations: PostgresMigrations = [];
