import { JobAttempt, JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { BUILD_DATA_EXPORT, DataExportsService } from '@marketplace/personal-data';
import { Injectable } from '@nestjs/common';

/** Queued by requestDataExport: the user's archive, built and stored once; the user is told when it is ready. */
@Injectable()
@JobHandlerFor(BUILD_DATA_EXPORT)
export class BuildDataExportJob implements JobHandler<PayloadOf<typeof BUILD_DATA_EXPORT>> {
  constructor(private readonly exports: DataExportsService) {}

  handle({ exportId }: PayloadOf<typeof BUILD_DATA_EXPORT>, attempt: JobAttempt): Promise<void> {
    return this.exports.build(exportId, attempt);
  }
}
