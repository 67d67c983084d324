import { defineJob, JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { DataExportsService } from '@marketplace/personal-data';
import { Injectable, Logger } from '@nestjs/common';

export const DELETE_EXPIRED_DATA_EXPORTS = defineJob('personal-data:delete-expired-exports', { cron: '41 * * * *', maxAttempts: 5 });

/** Hourly: archives past their 24-hour download window are deleted (their rows stay, EXPIRED). */
@Injectable()
@JobHandlerFor(DELETE_EXPIRED_DATA_EXPORTS)
export class DeleteExpiredDataExportsJob implements JobHandler {
  private readonly logger = new Logger(DeleteExpiredDataExportsJob.name);

  constructor(private readonly exports: DataExportsService) {}

  async handle(): Promise<void> {
    this.logger.log({ msg: 'Deleted expired data export archives', archives: await this.exports.deleteExpiredArchives() });
  }
}
