export * from './stable-json';
export * from './json-schema';
export * from './asyncapi';
export * from './generate';
