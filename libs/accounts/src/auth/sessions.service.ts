import { AppConfig, InjectConfig } from '@marketplace/config';
import { AccessTokenVerifier, Clock, isUuid, Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { AccountSuspendedError, InvalidCredentialsError, InvalidRefreshTokenError, RefreshTokenReusedError } from '../accounts.errors';
import { AccountsService, normalizeEmail } from '../accounts.service';
import { LoginInput } from '../dto/login.input';
import { RegisterInput } from '../dto/register.input';
import { PasswordHasher } from '../password-hasher';
import { User } from '../user.entity';
import { AuthPayload } from './auth-payload.type';
import { LoginThrottle } from './login-throttle';
import { RefreshToken } from './refresh-token.entity';

export interface AccessTokenClaims {
  sub: string;
  /** The sign-in (refresh token family) this access token belongs to. */
  sid: string;
}

const REFRESH_TOKEN_PREFIX = 'rt_';

function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Signing in and out: access tokens (JWT) and rotating, reuse-detecting refresh tokens. */
@Injectable()
export class SessionsService implements AccessTokenVerifier {
  constructor(
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly transactions: Transactions,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async register(input: RegisterInput): Promise<AuthPayload> {
    return this.transactions.run(async (manager) => this.startSession(manager, await this.accounts.register(manager, input)));
  }

  async login(input: LoginInput, ip: string): Promise<AuthPayload> {
    const email = normalizeEmail(input.email);
    const attempt = await this.throttle.takeAttempt(email, ip);
    const user = await this.accounts.findWithPasswordHash(email);
    if (!(await this.passwords.verify(user?.passwordHash, input.password)) || !user) throw new InvalidCredentialsError();
    await this.throttle.succeeded(attempt);
    if (user.suspendedAt) throw new AccountSuspendedError();
    return this.transactions.run((manager) => this.startSession(manager, user));
  }

  /**
   * Exchanges a refresh token for a new pair. The row lock makes concurrent uses of one token
   * line up: the first rotates it, every later one is a reuse and revokes the whole family.
   */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const outcome = await this.transactions.run(async (manager) => {
      const current = await manager.findOne(RefreshToken, {
        where: { tokenHash: hashRefreshToken(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current || current.revokedAt || current.expiresAt <= this.clock.now()) return { error: new InvalidRefreshTokenError() };
      if (current.usedAt) {
        await this.revokeFamily(manager, current.familyId);
        return { error: new RefreshTokenReusedError() };
      }
      const user = await manager.findOneByOrFail(User, { id: current.userId });
      if (user.suspendedAt) return { error: new AccountSuspendedError() };
      await manager.update(RefreshToken, { id: current.id }, { usedAt: this.clock.now() });
      return { payload: await this.issueTokens(manager, user, current.familyId) };
    });
    // Thrown after commit: a detected reuse must stay revoked.
    if ('error' in outcome) throw outcome.error;
    return outcome.payload;
  }

  /** Ends the sign-in the token belongs to. Like OAuth token revocation, an unknown token is not an error. */
  async logout(refreshToken: string): Promise<boolean> {
    await this.transactions.run(async (manager) => {
      const token = await manager.findOneBy(RefreshToken, { tokenHash: hashRefreshToken(refreshToken) });
      if (token) await this.revokeFamily(manager, token.familyId);
    });
    return true;
  }

  /** Who an access token speaks for, or null when its user no longer exists. */
  /** The viewer of a valid, unexpired access token (HS256), or null; a suspended user's token is refused. */
  async viewerForAccessToken(token: string): Promise<Viewer | null> {
    const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] }).catch(() => null);
    if (typeof claims?.sub !== 'string' || !isUuid(claims.sub)) return null;
    const user = await this.accounts.findById(claims.sub);
    if (!user) return null;
    if (user.suspendedAt) throw new AccountSuspendedError();
    return { id: user.id, roles: user.roles };
  }

  /** Refresh tokens past expiry are useless, even for reuse detection. */
  async purgeExpired(): Promise<number> {
    const result = await this.refreshTokens.createQueryBuilder().delete().where('expires_at < :now', { now: this.clock.now() }).execute();
    return result.affected ?? 0;
  }

  private startSession(manager: EntityManager, user: User): Promise<AuthPayload> {
    return this.issueTokens(manager, user, randomUUID());
  }

  private async issueTokens(manager: EntityManager, user: User, familyId: string): Promise<AuthPayload> {
    const now = this.clock.now();
    const refreshToken = REFRESH_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, {
      familyId,
      userId: user.id,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(now.getTime() + this.config.auth.refreshTokenTtlDays * 86_400_000),
    });
    const ttl = this.config.auth.accessTokenTtlSeconds;
    const claims: AccessTokenClaims = { sub: user.id, sid: familyId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: ttl });
    return { accessToken, refreshToken, expiresAt: new Date(now.getTime() + ttl * 1000), user };
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: this.clock.now() })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
  }
}
