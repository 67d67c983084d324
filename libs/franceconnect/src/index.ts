export * from './franceconnect.module';
export * from './franceconnect-link.entity';
export * from './franceconnect-records';
