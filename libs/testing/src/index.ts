export * from './names';
export * from './free-port';
export * from './embedded-postgres';
export * from './test-database';
export * from './test-clickhouse';
export * from './nats-server';
export * from './test-platform';
export * from './eventually';
