import { SignedTokens } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Injectable } from '@nestjs/common';
import { InvalidContestLinkError } from './moderation-decisions.errors';

/** The route of the contest page (GET) and of its form and JSON posts (POST), on the API. */
export const CONTEST_PATH = '/moderation-decisions/contest';

/**
 * The contest link of a statement of reasons: a suspended user cannot sign in, yet must be able to
 * contest (DSA art. 20), so every statement carries a link naming its decision and user, signed
 * with EMAIL_LINK_SECRET. All it can do is show that decision and contest it, once, in its window.
 */
@Injectable()
export class ContestLinks {
  private readonly tokens: SignedTokens;

  constructor(@InjectConfig() private readonly config: AppConfig) {
    if (!config.email.linkSecret) throw new Error('EMAIL_LINK_SECRET is not configured.');
    this.tokens = new SignedTokens(config.email.linkSecret);
  }

  /** The contest page the API serves (ContestLinkController): it works without signing in, and without the web app. */
  urlFor(decisionId: string, userId: string): string {
    return `${this.config.email.publicApiUrl}${CONTEST_PATH}?token=${this.tokens.sign([decisionId, userId])}`;
  }

  read(token: string): { decisionId: string; userId: string } {
    const [decisionId, userId, ...rest] = this.tokens.read(token) ?? [];
    if (!decisionId || !userId || rest.length > 0) throw new InvalidContestLinkError();
    return { decisionId, userId };
  }
}
