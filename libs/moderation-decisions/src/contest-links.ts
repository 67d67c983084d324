import { BadUserInputError } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The contest link of a statement of reasons: a suspended user cannot sign in, yet must be able to
 * contest (DSA art. 20), so every statement carries a link naming its decision and user, signed
 * with EMAIL_LINK_SECRET (HMAC-SHA256). All it can do is contest that decision, once, in its window.
 */
@Injectable()
export class ContestLinks {
  private readonly secret: string;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    if (!config.email.linkSecret) throw new Error('EMAIL_LINK_SECRET is not configured.');
    this.secret = config.email.linkSecret;
  }

  /** The web app's contest page, which posts the text to POST /moderation-decisions/contest?token=… */
  urlFor(decisionId: string, userId: string): string {
    const claims = Buffer.from(`${decisionId}:${userId}`).toString('base64url');
    return new URL(`/contest?token=${claims}.${this.signatureOf(claims)}`, this.config.email.publicAppUrl).toString();
  }

  read(token: string): { decisionId: string; userId: string } {
    const [claims, signature, ...rest] = token.split('.');
    const expected = claims ? this.signatureOf(claims) : '';
    const given = Buffer.from(signature ?? '');
    if (rest.length > 0 || !claims || given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
      throw BadUserInputError.forField('token', 'this contest link is not valid: use the one in the email, whole');
    }
    const [decisionId = '', userId = ''] = Buffer.from(claims, 'base64url').toString().split(':');
    return { decisionId, userId };
  }

  private signatureOf(claims: string): string {
    return createHmac('sha256', this.secret).update(claims).digest('base64url');
  }
}
