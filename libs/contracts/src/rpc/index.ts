export * from './shared/health';
export * from './tracking';
export * from './registry';
export * from './pipeline/health.rpc';
export * from './serving/health.rpc';
export * from './notifier/health.rpc';
export * from './gateway/health.rpc';
export * from './health-rpcs';
