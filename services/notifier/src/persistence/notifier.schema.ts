import type { PostgresEntities, PostgresMigrations } from '@slipway/persistence';

/** TypeORM entities of the `notifier` Postgres schema (owned by this service alone). */
export const notifierEntities: PostgresEntities = [];

/** Migrations of the `notifier` schema, oldest first; one per change, never edited once released. */
export const notifierMigrations: PostgresMigrations = [];
