export * from './model-loaded.event';
export * from './drift-detected.event';
