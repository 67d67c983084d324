import { Module } from '@nestjs/common';
import { DatabaseStatus } from './database-status';
import { Metrics } from './metrics';
import { OperationalCounts } from './operational-counts';
import { Readiness } from './readiness';

/** Health and metrics for the API and the worker process. */
@Module({
  providers: [DatabaseStatus, Readiness, OperationalCounts, Metrics],
  exports: [DatabaseStatus, Readiness, OperationalCounts, Metrics],
})
export class ObservabilityModule {}
