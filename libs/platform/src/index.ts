export * from './boot-process';
export * from './database-location';
export * from './embedded-postgres';
export * from './infrastructure';
export * from './logger';
export * from './marketplace.module';
export * from './jobs/worker.module';
export { PURGE_EXPIRED_AUTH_RECORDS } from './jobs/purge-expired-auth-records.job';
export { PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS } from './jobs/purge-unsubmitted-identity-documents.job';
