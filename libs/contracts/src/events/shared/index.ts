export * from './ids';
export * from './timestamps';
export * from './actor';
export * from './key-value';
export * from './metric-value';
export * from './git-commit';
