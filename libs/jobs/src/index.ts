export * from './job-definition';
export * from './job-handler.decorator';
export * from './job-queue';
export * from './job-runner';
export * from './jobs.module';
export * from './jobs.options';
