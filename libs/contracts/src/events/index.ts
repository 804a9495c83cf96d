export * from './shared';
export * from './tracking';
export * from './registry';
export * from './pipeline';
export * from './serving';
export * from './notifier';
