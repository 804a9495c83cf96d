/** TypeORM entities of the `tracking` Postgres schema (owned by this service alone). */
export const trackingEntities: Function[] = [];

/** Migrations of the `tracking` schema, oldest first; one per change, never edited once released. */
export const trackingMigrations: Function[] = [];
