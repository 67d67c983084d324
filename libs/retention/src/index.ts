export * from './batches';
export * from './purge-jobs';
export * from './retention-period';
export * from './retention-rules';
export * from './retention.module';
