import { CommonModule } from '@marketplace/common';
import { AppConfig, ConfigModule } from '@marketplace/config';
import { DatabaseModule } from '@marketplace/database';
import { JobsModule } from '@marketplace/jobs';
import { DynamicModule, Type } from '@nestjs/common';
import { migrations } from '../../../migrations';

/** What every process (API, worker, CLI) stands on: configuration, clock, database, job queue. */
export function infrastructureModules(config: AppConfig, databaseUrl: string): Array<DynamicModule | Type> {
  return [
    ConfigModule.forRoot(config),
    CommonModule,
    DatabaseModule.forRoot({
      url: databaseUrl,
      migrations,
      poolSize: config.databasePoolSize,
      runMigrations: config.operations.migrateOnStart,
    }),
    JobsModule.forRoot({ databaseUrl, concurrency: config.workerConcurrency }),
  ];
}
