import { AccountTokens, RateLimiter, SessionsService } from '@marketplace/accounts';
import { defineJob, JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { Injectable, Logger } from '@nestjs/common';

export const PURGE_EXPIRED_AUTH_RECORDS = defineJob('accounts:purge-expired-auth-records', { cron: '17 * * * *', maxAttempts: 5 });

/** Hourly: drops refresh tokens and email link tokens past expiry, and rate-limit counters whose window has closed. */
@Injectable()
@JobHandlerFor(PURGE_EXPIRED_AUTH_RECORDS)
export class PurgeExpiredAuthRecordsJob implements JobHandler {
  private readonly logger = new Logger(PurgeExpiredAuthRecordsJob.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly rateLimiter: RateLimiter,
    private readonly accountTokens: AccountTokens,
  ) {}

  async handle(): Promise<void> {
    const refreshTokens = await this.sessions.purgeExpired();
    const rateLimitCounters = await this.rateLimiter.purgeExpired();
    const emailLinkTokens = await this.accountTokens.purgeExpired();
    this.logger.log({ msg: 'Purged expired auth records', refreshTokens, rateLimitCounters, emailLinkTokens });
  }
}
