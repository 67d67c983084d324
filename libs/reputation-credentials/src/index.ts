export * from './reputation-credentials.module';
