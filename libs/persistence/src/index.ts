export * from './persistence-errors';
export * from './identifier';
export * from './postgres/postgres-data-source';
export * from './clickhouse/chdb-loader';
export * from './clickhouse/clickhouse-client';
export * from './clickhouse/clickhouse-migrations';
export * from './clickhouse/float';
