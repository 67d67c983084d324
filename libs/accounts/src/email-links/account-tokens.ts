import { BadUserInputError, Clock } from '@marketplace/common';
import { deleteBatch } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AccountToken, AccountTokenPurpose } from './account-token.entity';

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Why a link's token does nothing, told to the person who followed it. */
export class InvalidLinkTokenError extends BadUserInputError {
  constructor(problem: string) {
    super(`token: ${problem}`, [{ field: 'token', message: problem }]);
  }
}

/** The single-use, expiring tokens that links sent by email carry (verification, password reset). */
@Injectable()
export class AccountTokens {
  constructor(
    @InjectRepository(AccountToken) private readonly tokens: Repository<AccountToken>,
    private readonly clock: Clock,
  ) {}

  /** A new token for the user, valid `ttlMs` from now, in the caller's transaction. */
  async issue(
    manager: EntityManager,
    userId: string,
    purpose: AccountTokenPurpose,
    ttlMs: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + ttlMs);
    await manager.insert(AccountToken, { userId, purpose, tokenHash: hashOf(token), expiresAt });
    return { token, expiresAt };
  }

  /**
   * Uses the token up and gives its user; the user's other tokens of that purpose are voided. One
   * conditional update: of two concurrent uses, one finds the token unused and the other does not.
   */
  async redeem(manager: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<string> {
    const now = this.clock.now();
    const tokenHash = hashOf(token);
    const [[redeemed]] = (await manager.query(
      `UPDATE account_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 RETURNING user_id`,
      [tokenHash, purpose, now],
    )) as [{ user_id: string }[], number];
    if (!redeemed) {
      const [known] = (await manager.query(`SELECT used_at, expires_at FROM account_tokens WHERE token_hash = $1 AND purpose = $2`, [
        tokenHash,
        purpose,
      ])) as { used_at: Date | null; expires_at: Date }[];
      throw new InvalidLinkTokenError(problemWith(known, now));
    }
    await manager.query(`UPDATE account_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [
      redeemed.user_id,
      purpose,
      now,
    ]);
    return redeemed.user_id;
  }

  /** Deletes up to `limit` tokens that expired before `expiredBefore` (one batch of the retention purge): they can do nothing any more. */
  purgeExpiredBefore(expiredBefore: Date, limit: number): Promise<number> {
    return deleteBatch(this.tokens.manager, { table: 'account_tokens', condition: 'expires_at < $1', parameters: [expiredBefore] }, limit);
  }
}

function problemWith(token: { used_at: Date | null; expires_at: Date } | undefined, now: Date): string {
  if (!token) return 'this link is not valid: use the latest link we sent you, or ask for a new one';
  if (token.used_at) return 'this link was already used (or a newer one was): ask for a new one if you still need it';
  return token.expires_at <= now ? 'this link has expired: ask for a new one' : 'this link is not valid';
}
