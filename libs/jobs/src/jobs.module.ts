import { DynamicModule, Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { runMigrations } from 'graphile-worker';
import { JobQueue } from './job-queue';
import { JobRunner } from './job-runner';
import { JOBS_OPTIONS, JobsOptions } from './jobs.options';

/** The job queue for every module; the runner is started only by processes that work jobs. */
@Global()
@Module({})
export class JobsModule implements OnModuleInit {
  constructor(@Inject(JOBS_OPTIONS) private readonly options: JobsOptions) {}

  static forRoot(options: JobsOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      providers: [{ provide: JOBS_OPTIONS, useValue: options }, JobQueue, JobRunner],
      exports: [JobQueue, JobRunner],
    };
  }

  /** The queue's own tables must exist before anything enqueues. */
  async onModuleInit(): Promise<void> {
    await runMigrations({ connectionString: this.options.databaseUrl });
  }
}
