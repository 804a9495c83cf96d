export * from './event-store.types';
export * from './concurrency.error';
export * from './event-store';
export * from './event-store.module';
