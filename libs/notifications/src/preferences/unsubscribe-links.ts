import { BadUserInputError, SignedTokens } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Injectable } from '@nestjs/common';
import { isNotificationKind, isSecurityKind, NotificationKind } from '../notification-kind';

export class InvalidUnsubscribeTokenError extends BadUserInputError {
  constructor(problem: string) {
    super(`token: ${problem}`, [{ field: 'token', message: problem }]);
  }
}

/**
 * The token of an unsubscribe link: who and which kind, signed with EMAIL_LINK_SECRET (HMAC-SHA256).
 * It does not expire: an old email's link must still work, and all it can do is turn one kind off.
 */
@Injectable()
export class UnsubscribeLinks {
  private readonly tokens: SignedTokens;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    if (!config.email.linkSecret) throw new Error('EMAIL_LINK_SECRET is not configured.');
    this.tokens = new SignedTokens(config.email.linkSecret);
  }

  urlFor(userId: string, kind: NotificationKind): string {
    return `${this.config.email.publicApiUrl}/email/unsubscribe?token=${this.tokens.sign([userId, kind])}`;
  }

  /** The user and kind a token names, once its signature is checked. */
  read(token: string): { userId: string; kind: NotificationKind } {
    const claims = this.tokens.read(token);
    if (!claims) throw new InvalidUnsubscribeTokenError('this unsubscribe link is not valid: use the one in the email, whole');
    const [userId, kind] = claims;
    if (!userId || !kind || !isNotificationKind(kind) || isSecurityKind(kind)) {
      throw new InvalidUnsubscribeTokenError('this kind of email can no longer be turned off by link: change it in your settings');
    }
    return { userId, kind };
  }
}
