import type { PostgresEntities, PostgresMigrations } from '@slipway/persistence';

/** TypeORM entities of the `pipeline` Postgres schema (owned by this service alone). */
export const pipelineEntities: PostgresEntities = [];

/** Migrations of the `pipeline` schema, oldest first; one per change, never edited once released. */
export const pipelineMigrations: PostgresMigrations = [];
