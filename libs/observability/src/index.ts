export * from './bounded-labels';
export * from './database-status';
export * from './metrics';
export * from './metrics-http';
export * from './observability.module';
export * from './operational-counts';
export * from './ops-server';
export * from './readiness';
