export * from './app-config';
export * from './config.module';
export * from './local-secrets';
export * from './rate-limits-config';
