import { FranceConnectRecords } from '@marketplace/franceconnect';
import { defineJob, JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { Injectable, Logger } from '@nestjs/common';

export const PURGE_FRANCECONNECT_RECORDS = defineJob('franceconnect:purge-records', { cron: '47 * * * *', maxAttempts: 5 });

/** Hourly: FranceConnect attempts and sign-in codes past expiry, and the id_tokens of sign-ins that ended (FranceConnectRecords). */
@Injectable()
@JobHandlerFor(PURGE_FRANCECONNECT_RECORDS)
export class PurgeFranceConnectRecordsJob implements JobHandler {
  private readonly logger = new Logger(PurgeFranceConnectRecordsJob.name);

  constructor(private readonly records: FranceConnectRecords) {}

  async handle(): Promise<void> {
    this.logger.log({ msg: 'Purged FranceConnect records', ...(await this.records.purgeExpired()) });
  }
}
