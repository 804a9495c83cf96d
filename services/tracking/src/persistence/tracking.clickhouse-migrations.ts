import type { ClickHouseMigrationSpec } from '@slipway/runtime';

/** Versioned ClickHouse migrations of the tracking database, oldest first. */
export const trackingClickHouseMigrations: ClickHouseMigrationSpec[] = [];
