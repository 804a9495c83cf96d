export * from './core/subject-root';
export * from './core/cloud-event';
export * from './core/event-definition';
export * from './core/rpc-definition';
export * from './errors/slipway-error';
export * from './errors/validation-error';
