import { AppConfig, InjectConfig } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { AccountEvents } from '../account-events';
import { RateLimitExceededError } from '../accounts.errors';
import { AccountsService, assertPasswordAllowed, normalizeEmail } from '../accounts.service';
import { PasswordHasher } from '../password-hasher';
import { RateLimiter } from '../rate-limits/rate-limiter';
import { User } from '../user.entity';
import { AccountTokenPurpose } from './account-token.entity';
import { AccountTokens } from './account-tokens';
import { EmailVerificationService } from './email-verification.service';

/** A forgotten password replaced through a link sent to the account's address. */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: AccountTokens,
    private readonly events: AccountEvents,
    private readonly emailVerification: EmailVerificationService,
    private readonly passwords: PasswordHasher,
    private readonly rateLimiter: RateLimiter,
    private readonly transactions: Transactions,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * The same answer whether an account has this address or not; only an account's owner gets an
   * email. The per-address limit counts unknown addresses too, so it tells nothing either.
   */
  async request(email: string): Promise<boolean> {
    const address = normalizeEmail(email);
    const { windowSeconds, perUser } = this.config.rateLimits.passwordReset;
    const outcome = await this.rateLimiter.take([{ key: `passwordReset:email:${address}`, max: perUser!, windowSeconds }]);
    if (!outcome.allowed) throw new RateLimitExceededError(outcome.retryAfterSeconds);
    await this.transactions.run(async (manager) => {
      const user = await manager.findOneBy(User, { email: address });
      if (!user) return;
      const ttlMs = this.config.email.passwordResetTtlMinutes * 60_000;
      const { token, expiresAt } = await this.tokens.issue(manager, user.id, AccountTokenPurpose.PASSWORD_RESET, ttlMs);
      await this.events.published(manager, { type: 'PASSWORD_RESET_REQUESTED', user, token, expiresAt });
    });
    return true;
  }

  /** Sets the new password and signs the user out everywhere; the link also proves the address. */
  async reset(token: string, newPassword: string): Promise<boolean> {
    await this.transactions.run(async (manager) => {
      const userId = await this.tokens.redeem(manager, token, AccountTokenPurpose.PASSWORD_RESET);
      const user = await manager.findOneByOrFail(User, { id: userId });
      assertPasswordAllowed(newPassword, user.email, 'newPassword');
      await manager.update(User, { id: userId }, { passwordHash: await this.passwords.hash(newPassword) });
      await this.accounts.revokeSessions(manager, userId);
      await this.emailVerification.markVerified(manager, userId);
    });
    return true;
  }
}
