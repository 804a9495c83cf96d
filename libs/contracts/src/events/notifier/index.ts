export * from './notification-fields';
export * from './notification-delivered.event';
export * from './notification-failed.event';
