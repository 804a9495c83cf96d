export * from './wake-signal';
export * from './relay-checkpoints';
export * from './registry-event-types';
export * from './event-relay';
export * from './relay.lifecycle';
export * from './relay.module';
