import { BadUserInputError } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
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
  private readonly secret: string;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    if (!config.email.linkSecret) throw new Error('EMAIL_LINK_SECRET is not configured.');
    this.secret = config.email.linkSecret;
  }

  urlFor(userId: string, kind: NotificationKind): string {
    const claims = Buffer.from(`${userId}:${kind}`).toString('base64url');
    return `${this.config.email.publicApiUrl}/email/unsubscribe?token=${claims}.${this.signatureOf(claims)}`;
  }

  /** The user and kind a token names, once its signature is checked. */
  read(token: string): { userId: string; kind: NotificationKind } {
    const [claims, signature, ...rest] = token.split('.');
    const expected = claims ? this.signatureOf(claims) : '';
    const given = Buffer.from(signature ?? '');
    if (rest.length > 0 || !claims || given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
      throw new InvalidUnsubscribeTokenError('this unsubscribe link is not valid: use the one in the email, whole');
    }
    const [userId, kind] = Buffer.from(claims, 'base64url').toString().split(':');
    if (!userId || !kind || !isNotificationKind(kind) || isSecurityKind(kind)) {
      throw new InvalidUnsubscribeTokenError('this kind of email can no longer be turned off by link: change it in your settings');
    }
    return { userId, kind };
  }

  private signatureOf(claims: string): string {
    return createHmac('sha256', this.secret).update(claims).digest('base64url');
  }
}
