import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Passport } from 'passport';
import { Strategy } from 'passport-strategy';
import { FranceConnectSignIns, StartedAttempt } from './franceconnect-sign-ins.service';
import { FranceConnectRefusal } from './franceconnect.errors';

const STRATEGY = 'franceconnect';
export const ATTEMPT_COOKIE = 'franceconnect_attempt';

/** How a trip through the strategy ended when it did not redirect the browser to FranceConnect. */
export type FranceConnectOutcome = { signInCode: string } | { refusal: FranceConnectRefusal };

/**
 * The Passport strategy over openid-client (its own Strategy keeps state, nonce and the PKCE
 * verifier in an express-session, which this API has not: ours keeps them in PostgreSQL, bound to
 * the browser by a cookie, so any instance answers the callback). Without a code in the query it
 * sends the browser to FranceConnect; with one it finishes the sign-in.
 */
class FranceConnectStrategy extends Strategy {
  name = STRATEGY;

  constructor(private readonly signIns: FranceConnectSignIns) {
    super();
  }

  override authenticate(req: Request): void {
    const query = req.query as Record<string, unknown>;
    const run = 'code' in query || 'error' in query || 'state' in query ? this.finish(req) : this.begin(req, query.attempt);
    run.catch((error: unknown) => (error instanceof FranceConnectRefusal ? this.fail(error, 400) : this.error(error as Error)));
  }

  private async begin(req: Request, linkAttempt: unknown): Promise<void> {
    const started: StartedAttempt =
      typeof linkAttempt === 'string' ? await this.signIns.beginLink(linkAttempt) : await this.signIns.beginSignIn();
    (req.res as Response).cookie(ATTEMPT_COOKIE, started.browserKey, {
      httpOnly: true,
      // Lax: FranceConnect's redirect back is a top-level GET, which carries it.
      sameSite: 'lax',
      secure: req.secure,
      path: '/auth/franceconnect',
      maxAge: 10 * 60_000,
    });
    this.redirect(started.authorizationUrl);
  }

  private async finish(req: Request): Promise<void> {
    const signInCode = await this.signIns.finish(cookieOf(req, ATTEMPT_COOKIE), req);
    this.success({ signInCode });
  }
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * This application's own Passport (`new Passport()`), not the process-wide `passport` singleton:
 * each app instance registers its strategies on its own, so two apps in one process (as tests
 * start them) keep their own.
 */
@Injectable()
export class FranceConnectPassport {
  private readonly passport = new Passport();

  constructor(signIns: FranceConnectSignIns) {
    this.passport.use(STRATEGY, new FranceConnectStrategy(signIns));
  }

  /** Runs the strategy: the callback's outcome, or undefined once it sent the browser to FranceConnect; rejects on an unexpected error. */
  authenticate(req: Request, res: Response): Promise<FranceConnectOutcome | undefined> {
    return new Promise((resolve, reject) => {
      res.on('finish', () => resolve(undefined));
      const done = (error: unknown, user: { signInCode: string } | false, refusal?: FranceConnectRefusal) => {
        if (error) reject(error as Error);
        else resolve(user ? user : refusal && { refusal });
      };
      this.passport.authenticate(STRATEGY, { session: false }, done)(req, res, reject);
    });
  }
}
