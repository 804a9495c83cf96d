import type { ClickHouseMigrationSpec } from '@slipway/runtime';

/** Versioned ClickHouse migrations of the serving database, oldest first. */
export const servingClickHouseMigrations: ClickHouseMigrationSpec[] = [];
