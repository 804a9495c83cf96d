import type { PostgresEntities } from '@slipway/persistence';
import type { MigrationInterface } from 'typeorm';
import { CreateApiTokens1796083200001 } from './migrations/1796083200001-create-api-tokens.migration';
import { CreateAuditLog1796083200002 } from './migrations/1796083200002-create-audit-log.migration';

/** TypeORM entities of the `gateway` Postgres schema (owned by this service alone): none, it uses plain SQL. */
export const gatewayEntities: PostgresEntities = [];

/** Migrations of the `gateway` schema, oldest first; one per change, never edited once released. */
export const gatewayMigrations: (new () => MigrationInterface)[] = [
  CreateApiTokens1796083200001,
  CreateAuditLog1796083200002,
];
