/** Injection token of the {@link ServiceKitOptions} given to `ServiceKitModule.forRoot`. */
export const SERVICE_KIT_OPTIONS = Symbol('SERVICE_KIT_OPTIONS');
/** Injection token of the service's TypeORM DataSource (when it owns a Postgres schema). */
export const DATA_SOURCE = Symbol('DATA_SOURCE');
/** Injection token of the service's ClickHouse client (when it owns a ClickHouse database). */
export const CLICKHOUSE = Symbol('CLICKHOUSE');
