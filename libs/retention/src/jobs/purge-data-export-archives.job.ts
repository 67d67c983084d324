import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { DataExportsService } from '@marketplace/personal-data';
import { Injectable, Logger } from '@nestjs/common';
import { PURGE_DATA_EXPORT_ARCHIVES } from '../purge-jobs';
import { RetentionCutoffs } from '../retention-cutoffs';

/** Hourly: archives past their download window are deleted (their rows stay, EXPIRED). */
@Injectable()
@JobHandlerFor(PURGE_DATA_EXPORT_ARCHIVES)
export class PurgeDataExportArchivesJob implements JobHandler {
  private readonly logger = new Logger(PurgeDataExportArchivesJob.name);

  constructor(
    private readonly exports: DataExportsService,
    private readonly cutoffs: RetentionCutoffs,
  ) {}

  async handle(): Promise<void> {
    const archives = await this.exports.deleteExpiredArchives(this.cutoffs.now());
    this.logger.log({ msg: 'Deleted expired data export archives', archives });
  }
}
