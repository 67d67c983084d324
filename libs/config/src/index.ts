export * from './app-config';
export * from './config.module';
export * from './franceconnect-config';
export * from './local-secrets';
export * from './operations-config';
export * from './platform-legal-config';
export * from './rate-limits-config';
export * from './tracing-config';
