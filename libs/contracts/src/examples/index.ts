export * from './event-examples';
export * from './example-envelope';
