import { BadUserInputError, SignedTokens } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Injectable } from '@nestjs/common';

/**
 * The contest link of a statement of reasons: a suspended user cannot sign in, yet must be able to
 * contest (DSA art. 20), so every statement carries a link naming its decision and user, signed
 * with EMAIL_LINK_SECRET. All it can do is contest that decision, once, in its window.
 */
@Injectable()
export class ContestLinks {
  private readonly tokens: SignedTokens;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    if (!config.email.linkSecret) throw new Error('EMAIL_LINK_SECRET is not configured.');
    this.tokens = new SignedTokens(config.email.linkSecret);
  }

  /** The web app's contest page, which posts the text to POST /moderation-decisions/contest?token=… */
  urlFor(decisionId: string, userId: string): string {
    return new URL(`/contest?token=${this.tokens.sign([decisionId, userId])}`, this.config.email.publicAppUrl).toString();
  }

  read(token: string): { decisionId: string; userId: string } {
    const [decisionId, userId, ...rest] = this.tokens.read(token) ?? [];
    if (!decisionId || !userId || rest.length > 0) {
      throw BadUserInputError.forField('token', 'this contest link is not valid: use the one in the email, whole');
    }
    return { decisionId, userId };
  }
}
