import { FranceConnectRecords } from '@marketplace/franceconnect';
import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { PURGE_FRANCECONNECT_RECORDS } from '../purge-jobs';
import { RetentionCutoffs } from '../retention-cutoffs';
import { RETENTION_RULES } from '../retention-rules';

/** Hourly: FranceConnect attempts and sign-in codes past expiry, and the id_tokens of sign-ins that ended (FranceConnectRecords). */
@Injectable()
@JobHandlerFor(PURGE_FRANCECONNECT_RECORDS)
export class PurgeFranceConnectRecordsJob implements JobHandler {
  private readonly logger = new Logger(PurgeFranceConnectRecordsJob.name);

  constructor(
    private readonly records: FranceConnectRecords,
    private readonly cutoffs: RetentionCutoffs,
  ) {}

  async handle(): Promise<void> {
    const now = this.cutoffs.now();
    const purged = await this.records.purgeExpired({
      now,
      expiredBefore: this.cutoffs.of(RETENTION_RULES.FRANCECONNECT_ATTEMPTS, now),
      signInsBegunBefore: this.cutoffs.of(RETENTION_RULES.FRANCECONNECT_ID_TOKENS, now),
    });
    this.logger.log({ msg: 'Purged FranceConnect records', ...purged });
  }
}
