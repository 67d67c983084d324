import { AccountsService, AuthPayload, EmailVerificationService, SessionsService } from '@marketplace/accounts';
import { Clock, Viewer } from '@marketplace/common';
import { EIDAS_LEVELS } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { isAdult, IdentityVerificationsService } from '@marketplace/identity';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Client, errors, generators, IdTokenClaims } from 'openid-client';
import { EntityManager } from 'typeorm';
import { FranceConnectAttempt } from './franceconnect-attempt.entity';
import { FRANCECONNECT_SCOPES, FranceConnectClient } from './franceconnect-client';
import { FranceConnectLink } from './franceconnect-link.entity';
import { FranceConnectSession } from './franceconnect-session.entity';
import { FranceConnectSignInCode } from './franceconnect-sign-in-code.entity';
import { FranceConnectRefusal, FranceConnectRefusalReason, InvalidSignInCodeError } from './franceconnect.errors';
import { FranceConnectIdentity } from './local/local-test-identities';

const ATTEMPT_TTL_MS = 10 * 60_000;
const SIGN_IN_CODE_TTL_MS = 60_000;

/** An attempt the browser starts: the key its cookie keeps, and where FranceConnect awaits it. */
export interface StartedAttempt {
  browserKey: string;
  authorizationUrl: string;
}

type Person = Omit<FranceConnectIdentity, 'sub'>;

/** What the callback must match: kept with the attempt, sent (the verifier as its challenge) to FranceConnect. */
interface AttemptChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
}

function refuse(reason: FranceConnectRefusalReason, message: string): never {
  throw new FranceConnectRefusal(reason, message);
}

/**
 * Signing in, and linking an account, through FranceConnect: the authorization code flow with PKCE,
 * `state` and `nonce`, the id_token verified by openid-client and its `acr` by us. A person
 * FranceConnect vouches for gets an APPROVED identity; the web app gets a one-time sign-in code.
 */
@Injectable()
export class FranceConnectSignIns {
  constructor(
    private readonly provider: FranceConnectClient,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsService,
    private readonly emailVerification: EmailVerificationService,
    private readonly sessions: SessionsService,
    private readonly identities: IdentityVerificationsService,
    private readonly clock: Clock,
  ) {}

  /** Nothing is stored while FranceConnect cannot be reached (PROVIDER_UNAVAILABLE). */
  async beginSignIn(): Promise<StartedAttempt> {
    const client = await this.provider.client();
    const { browserKey, checks } = await this.createAttempt(null);
    return { browserKey, authorizationUrl: this.authorizationUrl(client, checks) };
  }

  /** For a signed-in user: an address on this API that takes their browser to FranceConnect to link it, once, within 10 minutes. */
  async offerLink(viewer: Viewer): Promise<string> {
    const { browserKey } = await this.createAttempt(viewer.id);
    return `${this.provider.startUrl}?${new URLSearchParams({ attempt: browserKey })}`;
  }

  /** The browser that follows a link address starts its attempt; nobody can start it again (not spent while FranceConnect cannot be reached). */
  async beginLink(browserKey: string): Promise<StartedAttempt> {
    const client = await this.provider.client();
    const started = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(FranceConnectAttempt)
        .set({ started: true })
        .where('key_hash = :keyHash AND NOT started AND expires_at > :now', { keyHash: sha256(browserKey), now: this.clock.now() })
        .returning('*')
        .execute(),
    );
    const [row] = started.raw as { state: string; nonce: string; code_verifier: string }[];
    if (!row) refuse('UNKNOWN_ATTEMPT', 'This link address is unknown, was already used, or has expired: ask for a new one.');
    return {
      browserKey,
      authorizationUrl: this.authorizationUrl(client, { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier }),
    };
  }

  /**
   * FranceConnect's callback, in the browser that started the attempt: checks everything, then
   * links or signs in and approves the identity in one transaction, and gives the sign-in code.
   */
  async finish(browserKey: string | undefined, callback: IncomingMessage): Promise<string> {
    const client = await this.provider.client();
    const attempt = browserKey ? await this.takeAttempt(browserKey) : undefined;
    if (!attempt) refuse('UNKNOWN_ATTEMPT', 'No FranceConnect sign-in was started in this browser, or it was already used or has expired.');
    const params = client.callbackParams(callback);
    if (!params.state || !sameText(params.state, attempt.state))
      refuse('STATE_MISMATCH', 'The callback does not belong to this sign-in (state).');
    if (params.error) refuse('PROVIDER_ERROR', `FranceConnect answered: ${params.error}.`);
    const tokens = await this.askProvider('token', () =>
      client.callback(this.provider.settings.redirectUri, params, {
        state: attempt.state,
        nonce: attempt.nonce,
        code_verifier: attempt.codeVerifier,
        response_type: 'code',
      }),
    );
    const claims = tokens.claims();
    this.assertLevel(claims);
    const person = await this.askProvider('userinfo', () => client.userinfo<Person>(tokens));
    if (!isAdult(person.birthdate, this.clock.now())) refuse('UNDER_18', 'You must be at least 18 years old.');
    return this.transactions.run(async (manager) => {
      const userId = await this.accountFor(manager, attempt.linkingUserId, claims.sub, person);
      await this.identities.approveVouched(manager, userId, {
        legalName: `${person.given_name} ${person.family_name}`,
        dateOfBirth: person.birthdate,
        birthplace: person.birthplace,
        birthcountry: person.birthcountry,
        gender: person.gender,
      });
      return this.issueSignInCode(manager, userId, tokens.id_token!);
    });
  }

  /** The web app's half: the one-time code becomes a sign-in (the suspended are refused). */
  exchangeSignInCode(code: string): Promise<AuthPayload> {
    return this.transactions.run(async (manager) => {
      const taken = await manager
        .createQueryBuilder()
        .delete()
        .from(FranceConnectSignInCode)
        .where('code_hash = :codeHash AND expires_at > :now', { codeHash: sha256(code), now: this.clock.now() })
        .returning('user_id, id_token')
        .execute();
      const [row] = taken.raw as { user_id: string; id_token: string }[];
      if (!row) throw new InvalidSignInCodeError();
      const { payload, sessionId } = await this.sessions.signInVouched(manager, row.user_id);
      await manager.insert(FranceConnectSession, { sessionId, idToken: row.id_token });
      return payload;
    });
  }

  /**
   * Ends the sign-in; for one made through FranceConnect, the address that ends FranceConnect's
   * session too (else null, and null while FranceConnect cannot be reached: ours is ended all the same).
   */
  async logout(refreshToken: string): Promise<string | null> {
    const sessionId = await this.sessions.endSession(refreshToken);
    if (!sessionId) return null;
    const ended = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .delete()
        .from(FranceConnectSession)
        .where('session_id = :sessionId', { sessionId })
        .returning('id_token')
        .execute(),
    );
    const [row] = ended.raw as { id_token: string }[];
    if (!row) return null;
    const client = await this.provider.client().catch((error: unknown) => {
      if (error instanceof FranceConnectRefusal) return null;
      throw error;
    });
    return (
      client?.endSessionUrl({
        id_token_hint: row.id_token,
        post_logout_redirect_uri: this.provider.appReturnUrl,
        state: generators.state(),
      }) ?? null
    );
  }

  private async createAttempt(linkingUserId: string | null): Promise<{ browserKey: string; checks: AttemptChecks }> {
    const browserKey = randomBytes(32).toString('base64url');
    const checks: AttemptChecks = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier() };
    await this.transactions.run((manager) =>
      manager.insert(FranceConnectAttempt, {
        keyHash: sha256(browserKey),
        ...checks,
        linkingUserId,
        started: !linkingUserId,
        expiresAt: new Date(this.clock.now().getTime() + ATTEMPT_TTL_MS),
      }),
    );
    return { browserKey, checks };
  }

  private authorizationUrl(client: Client, { state, nonce, codeVerifier }: AttemptChecks): string {
    return client.authorizationUrl({
      scope: FRANCECONNECT_SCOPES,
      acr_values: this.provider.settings.acr,
      state,
      nonce,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Deletes the browser's started attempt and gives it: a callback is answered once. */
  private async takeAttempt(browserKey: string): Promise<FranceConnectAttempt | undefined> {
    const taken = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .delete()
        .from(FranceConnectAttempt)
        .where('key_hash = :keyHash AND started AND expires_at > :now', { keyHash: sha256(browserKey), now: this.clock.now() })
        .returning('*')
        .execute(),
    );
    const [row] = taken.raw as { state: string; nonce: string; code_verifier: string; linking_user_id: string | null }[];
    return (
      row &&
      Object.assign(new FranceConnectAttempt(), {
        state: row.state,
        nonce: row.nonce,
        codeVerifier: row.code_verifier,
        linkingUserId: row.linking_user_id,
      })
    );
  }

  /** FranceConnect gives eidas1; FranceConnect+ eidas2 or eidas3. Stronger than asked is fine, weaker (or none) is not. */
  private assertLevel(claims: IdTokenClaims): void {
    const required = this.provider.settings.acr;
    if (EIDAS_LEVELS.indexOf(claims.acr as (typeof EIDAS_LEVELS)[number]) < EIDAS_LEVELS.indexOf(required)) {
      refuse('ACR_TOO_LOW', `FranceConnect vouched at ${claims.acr ?? 'no level'}; ${required} is required.`);
    }
  }

  /**
   * The account this FranceConnect identity signs in to: the linking user's (linked now), the one
   * it is linked to, or a new one. An unlinked identity whose email has an account is refused:
   * that account's owner signs in with the password first and links (no silent merge).
   */
  private async accountFor(manager: EntityManager, linkingUserId: string | null, sub: string, person: Person): Promise<string> {
    if (linkingUserId) {
      await this.link(manager, linkingUserId, sub);
      return linkingUserId;
    }
    const linked = await manager.findOneBy(FranceConnectLink, { sub });
    if (linked) return linked.userId;
    const registration = await this.accounts.register(
      manager,
      // No password anyone knows: the account signs in through FranceConnect, or after a password reset.
      { email: person.email, password: randomBytes(32).toString('base64url'), displayName: person.given_name.split(' ')[0] },
      false,
    );
    if (!registration.created) {
      refuse('SIGN_IN_WITH_PASSWORD_FIRST', 'An account already uses this email: sign in with its password, then link FranceConnect.');
    }
    await this.emailVerification.sendLink(manager, registration.user);
    await this.link(manager, registration.user.id, sub);
    return registration.user.id;
  }

  private async link(manager: EntityManager, userId: string, sub: string): Promise<void> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(FranceConnectLink)
      .values({ userId, sub })
      .orIgnore()
      .returning('user_id')
      .execute();
    if ((inserted.raw as unknown[]).length > 0) return;
    const existing = await manager.findOneBy(FranceConnectLink, { userId });
    if (existing?.sub === sub) return;
    if (existing) refuse('ACCOUNT_LINKED_ELSEWHERE', 'This account is already linked to another FranceConnect identity.');
    refuse('IDENTITY_LINKED_ELSEWHERE', 'This FranceConnect identity is already linked to another account.');
  }

  private async issueSignInCode(manager: EntityManager, userId: string, idToken: string): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await manager.insert(FranceConnectSignInCode, {
      codeHash: sha256(code),
      userId,
      idToken,
      expiresAt: new Date(this.clock.now().getTime() + SIGN_IN_CODE_TTL_MS),
    });
    return code;
  }

  /** openid-client's refusals as ours: FranceConnect not answering, its errors, and what did not verify (signature, claims, nonce). */
  private async askProvider<T>(step: string, call: () => Promise<T>): Promise<T> {
    try {
      return await this.provider.reach(step, call);
    } catch (error) {
      if (error instanceof errors.OPError) refuse('PROVIDER_ERROR', `FranceConnect refused: ${error.error ?? error.message}.`);
      if (error instanceof errors.RPError) {
        refuse(
          error.message.startsWith('nonce mismatch') ? 'NONCE_MISMATCH' : 'INVALID_ID_TOKEN',
          `The id_token did not verify: ${error.message}.`,
        );
      }
      throw error;
    }
  }
}
