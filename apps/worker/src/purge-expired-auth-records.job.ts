import { LoginThrottle, SessionsService } from '@marketplace/accounts';
import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { Injectable, Logger } from '@nestjs/common';

export const PURGE_EXPIRED_AUTH_RECORDS = 'accounts:purge-expired-auth-records';

/** Hourly: drops refresh tokens past expiry and login failures that no longer count. */
@Injectable()
@JobHandlerFor(PURGE_EXPIRED_AUTH_RECORDS, { cron: '17 * * * *' })
export class PurgeExpiredAuthRecordsJob implements JobHandler {
  private readonly logger = new Logger(PurgeExpiredAuthRecordsJob.name);

  constructor(
    private readonly sessions: SessionsService,
    private readonly loginThrottle: LoginThrottle,
  ) {}

  async handle(): Promise<void> {
    const refreshTokens = await this.sessions.purgeExpired();
    const loginFailures = await this.loginThrottle.purgeExpired();
    this.logger.log({ msg: 'Purged expired auth records', refreshTokens, loginFailures });
  }
}
