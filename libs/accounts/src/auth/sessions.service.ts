import { AppConfig, InjectConfig } from '@marketplace/config';
import { AccessTokenVerifier, Clock, isUuid, Viewer } from '@marketplace/common';
import { deleteBatch, Transactions } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { AccountEvents } from '../account-events';
import { EmailVerificationService } from '../email-links/email-verification.service';
import {
  AccountSuspendedError,
  EmailAlreadyRegisteredError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  RefreshTokenReusedError,
} from '../accounts.errors';
import { AccountsService, normalizeEmail } from '../accounts.service';
import { LoginInput } from '../dto/login.input';
import { RegisterInput } from '../dto/register.input';
import { PasswordHasher } from '../password-hasher';
import { User } from '../user.entity';
import { ActiveSessions } from './active-sessions';
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
    private readonly activeSessions: ActiveSessions,
    private readonly accounts: AccountsService,
    private readonly emailVerification: EmailVerificationService,
    private readonly events: AccountEvents,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly transactions: Transactions,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Creates a signed-in account. A taken address is CONFLICT, after the owner's email is committed
   * (see docs/decisions.md on why it stays CONFLICT; signUp is the answer that tells nothing).
   */
  async register(input: RegisterInput): Promise<AuthPayload> {
    const payload = await this.transactions.run(async (manager) => {
      const user = await this.createAccount(manager, input, false);
      return user && this.startSession(manager, user);
    });
    if (!payload) throw new EmailAlreadyRegisteredError();
    return payload;
  }

  /**
   * True whether the address was free or taken, after the same work (a password hash, one email
   * queued): only the address's mailbox learns which. The account it creates signs in once verified.
   */
  async signUp(input: RegisterInput): Promise<true> {
    await this.transactions.run((manager) => this.createAccount(manager, input, true));
    return true;
  }

  /**
   * A new account gets a verification link; a taken address changes nothing but an email to its
   * owner ("someone tried to register with your address"), and gives null.
   */
  private async createAccount(manager: EntityManager, input: RegisterInput, signInAwaitsVerifiedEmail: boolean): Promise<User | null> {
    const registration = await this.accounts.register(manager, input, signInAwaitsVerifiedEmail);
    if (!registration.created) {
      await this.events.published(manager, { type: 'REGISTRATION_ATTEMPTED', user: registration.existing });
      return null;
    }
    await this.emailVerification.sendLink(manager, registration.user);
    return registration.user;
  }

  /**
   * A signUp account not verified yet is refused as a wrong password is (same error, same hash
   * checked, the attempt counted as a failure): otherwise signing in after signUp would tell
   * whether the address was free.
   */
  async login(input: LoginInput, ip: string): Promise<AuthPayload> {
    const email = normalizeEmail(input.email);
    const attempt = await this.throttle.takeAttempt(email, ip);
    const user = await this.accounts.findWithPasswordHash(email);
    const passwordMatches = await this.passwords.verify(user?.passwordHash, input.password);
    if (!passwordMatches || !user || (user.signInAwaitsVerifiedEmail && !user.emailVerifiedAt)) throw new InvalidCredentialsError();
    await this.throttle.succeeded(attempt);
    if (user.suspendedAt) throw new AccountSuspendedError();
    return this.transactions.run((manager) => this.startSession(manager, user));
  }

  /**
   * Exchanges a refresh token for a new pair. The sign-in's lock makes concurrent uses of one token
   * line up: the first rotates it, every later one is a reuse and revokes the whole family.
   */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const outcome = await this.transactions.run(async (manager) => {
      const tokenHash = hashRefreshToken(refreshToken);
      // Read once the lock is held: it shows what the previous holder committed.
      const current = (await this.lockSessionOf(manager, tokenHash)) ? await manager.findOneBy(RefreshToken, { tokenHash }) : null;
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
    await this.endSession(refreshToken);
    return true;
  }

  /** As logout, and gives the ended sign-in's id (null for an unknown token). */
  endSession(refreshToken: string): Promise<string | null> {
    return this.transactions.run(async (manager) => {
      const familyId = await this.lockSessionOf(manager, hashRefreshToken(refreshToken));
      if (familyId) await this.revokeFamily(manager, familyId);
      return familyId;
    });
  }

  /**
   * Signs a user in, inside the caller's transaction, once something else than their password
   * proved who they are (FranceConnect); gives the new sign-in's id with its tokens.
   */
  async signInVouched(manager: EntityManager, userId: string): Promise<{ payload: AuthPayload; sessionId: string }> {
    const user = await manager.findOneByOrFail(User, { id: userId });
    if (user.suspendedAt) throw new AccountSuspendedError();
    const sessionId = randomUUID();
    return { payload: await this.issueTokens(manager, user, sessionId), sessionId };
  }

  /**
   * The viewer of a valid, unexpired access token (HS256) whose sign-in is still active, or null; a
   * suspended user's token is refused. What the sign-in stands for may be a few seconds old (ActiveSessions).
   */
  async viewerForAccessToken(token: string): Promise<Viewer | null> {
    const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] }).catch(() => null);
    if (!isUuid(claims?.sub) || !isUuid(claims.sid)) return null;
    const session = await this.activeSessions.find(claims.sid, claims.sub);
    if (!session) return null;
    if (session.suspended) throw new AccountSuspendedError();
    if (session.revoked) return null;
    return { id: session.userId, roles: session.roles };
  }

  /**
   * Deletes up to `limit` refresh tokens that expired before `expiredBefore` (one batch of the
   * retention purge): past expiry a token is useless, even for reuse detection, and kept only as the
   * record of the sign-in. A revoked session's tokens expire as they would have.
   */
  purgeExpiredBefore(expiredBefore: Date, limit: number): Promise<number> {
    return deleteBatch(
      this.refreshTokens.manager,
      { table: 'refresh_tokens', condition: 'expires_at < $1', parameters: [expiredBefore] },
      limit,
    );
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

  /**
   * Takes the lock of the token's sign-in until the transaction ends and gives its family id (null
   * for an unknown token). Refresh, reuse detection and logout all take it before anything else,
   * so a revocation's UPDATE, which runs after it, also covers the token a refresh that got the
   * lock first has just issued; a row lock on one token would not (the new token is another row).
   */
  private async lockSessionOf(manager: EntityManager, tokenHash: string): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT family_id, pg_advisory_xact_lock(hashtextextended(family_id::text, 0)) FROM refresh_tokens WHERE token_hash = $1`,
      [tokenHash],
    )) as { family_id: string }[];
    return row?.family_id ?? null;
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: this.clock.now() })
      .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
      .execute();
    this.activeSessions.forgetOnCommit(manager, { sessionId: familyId });
  }
}
