export * from './start-telemetry';
export * from './logger';
export * from './nats-propagation';
export * from './with-span';
export * from './start-service-telemetry';
