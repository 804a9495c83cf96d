import type { MigrationInterface } from 'typeorm';
import { CreateExperiments1795651200001 } from './migrations/1795651200001-create-experiments.migration';
import { CreateRuns1795651200002 } from './migrations/1795651200002-create-runs.migration';
import { CreateParams1795651200003 } from './migrations/1795651200003-create-params.migration';
import { CreateRunTags1795651200004 } from './migrations/1795651200004-create-run-tags.migration';
import { CreateDatasets1795651200005 } from './migrations/1795651200005-create-datasets.migration';

/**
 * TypeORM entities of the `tracking` Postgres schema (owned by this service alone). None: the
 * repositories write parameterised SQL (upserts, keyset pages) and parse every row they read back
 * with zod (`*.entity.ts`), so there is no mapping for TypeORM to keep in step with the migrations.
 */
export const trackingEntities: (new () => object)[] = [];

/** Migrations of the `tracking` schema, oldest first; one per change, never edited once released. */
export const trackingMigrations: (new () => MigrationInterface)[] = [
  CreateExperiments1795651200001,
  CreateRuns1795651200002,
  CreateParams1795651200003,
  CreateRunTags1795651200004,
  CreateDatasets1795651200005,
];
