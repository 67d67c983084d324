import { AccountTokens, RateLimiter, SessionsService } from '@marketplace/accounts';
import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { inBatches } from '../batches';
import { PURGE_EXPIRED_AUTH_RECORDS } from '../purge-jobs';
import { RetentionCutoffs } from '../retention-cutoffs';
import { RETENTION_RULES } from '../retention-rules';

/** Hourly: refresh tokens, rate-limit counters and email link tokens past their rules' periods. */
@Injectable()
@JobHandlerFor(PURGE_EXPIRED_AUTH_RECORDS)
export class PurgeExpiredAuthRecordsJob implements JobHandler {
  private readonly logger = new Logger(PurgeExpiredAuthRecordsJob.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly rateLimiter: RateLimiter,
    private readonly accountTokens: AccountTokens,
    private readonly cutoffs: RetentionCutoffs,
  ) {}

  async handle(): Promise<void> {
    const now = this.cutoffs.now();
    const signIns = this.cutoffs.of(RETENTION_RULES.SIGN_INS, now);
    const counters = this.cutoffs.of(RETENTION_RULES.SIGN_IN_ATTEMPT_COUNTERS, now);
    const links = this.cutoffs.of(RETENTION_RULES.EMAIL_LINK_TOKENS, now);
    const refreshTokens = await inBatches((limit) => this.sessions.purgeExpiredBefore(signIns, limit));
    const rateLimitCounters = await inBatches((limit) => this.rateLimiter.purgeClosedBy(counters, limit));
    const emailLinkTokens = await inBatches((limit) => this.accountTokens.purgeExpiredBefore(links, limit));
    this.logger.log({ msg: 'Purged expired auth records', refreshTokens, rateLimitCounters, emailLinkTokens });
  }
}
