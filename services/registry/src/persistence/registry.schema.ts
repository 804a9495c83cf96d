import type { PostgresEntities } from '@slipway/persistence';
import type { MigrationInterface } from 'typeorm';
import { CreateEventStore1795737600001 } from './migrations/1795737600001-create-event-store.migration';
import { CreateReadModels1795737600002 } from './migrations/1795737600002-create-read-models.migration';
import { ModelStreamsAndTimes1795737600003 } from './migrations/1795737600003-model-streams-and-times.migration';

/**
 * TypeORM entities of the `registry` Postgres schema (owned by this service alone). None: the
 * event store and read models write parameterised SQL and parse the rows they read with zod.
 */
export const registryEntities: PostgresEntities = [];

/** Migrations of the `registry` schema, oldest first; one per change, never edited once released. */
export const registryMigrations: (new () => MigrationInterface)[] = [
  CreateEventStore1795737600001,
  CreateReadModels1795737600002,
  ModelStreamsAndTimes1795737600003,
];
