export * from './artifacts.module';
export * from './artifacts.service';
export * from './artifacts.tokens';
export * from './artifacts.env';
