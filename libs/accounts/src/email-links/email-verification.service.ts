import { Clock } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AccountEvents } from '../account-events';
import { EmailAlreadyVerifiedError } from '../accounts.errors';
import { User } from '../user.entity';
import { AccountTokenPurpose } from './account-token.entity';
import { AccountTokens } from './account-tokens';

/** Proving that the user receives what is sent to their address: a link, followed once, before it expires. */
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly tokens: AccountTokens,
    private readonly events: AccountEvents,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Issues a link and sends it, in the caller's transaction (registration's, or a resend's). */
  async sendLink(manager: EntityManager, user: User): Promise<void> {
    const ttlMs = this.config.email.verificationTtlHours * 3_600_000;
    const { token, expiresAt } = await this.tokens.issue(manager, user.id, AccountTokenPurpose.EMAIL_VERIFICATION, ttlMs);
    await this.events.published(manager, { type: 'EMAIL_VERIFICATION_REQUESTED', user, token, expiresAt });
  }

  async resend(userId: string): Promise<boolean> {
    await this.transactions.run(async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: userId });
      if (user.emailVerifiedAt) throw new EmailAlreadyVerifiedError();
      await this.sendLink(manager, user);
    });
    return true;
  }

  async verify(token: string): Promise<boolean> {
    await this.transactions.run(async (manager) => {
      const userId = await this.tokens.redeem(manager, token, AccountTokenPurpose.EMAIL_VERIFICATION);
      if (await this.markVerified(manager, userId)) {
        await this.events.published(manager, { type: 'EMAIL_VERIFIED', user: await manager.findOneByOrFail(User, { id: userId }) });
      }
    });
    return true;
  }

  /** An operator vouches for the address (the CLI's verify-email). */
  async verifyByOperator(userId: string): Promise<void> {
    await this.transactions.run((manager) => this.markVerified(manager, userId));
  }

  /**
   * The address is proven (a verification or password reset link was followed, or an operator
   * checked it); false when it already was. Only the verification link welcomes the user.
   */
  async markVerified(manager: EntityManager, userId: string): Promise<boolean> {
    const verified = await manager.update(User, { id: userId, emailVerifiedAt: IsNull() }, { emailVerifiedAt: this.clock.now() });
    return verified.affected !== 0;
  }
}
