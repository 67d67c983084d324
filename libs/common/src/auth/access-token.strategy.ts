import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AuthModuleOptions, PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import passport from 'passport';
import { Strategy } from 'passport-strategy';
import { Viewer } from './viewer';

/** Turns a bearer access token into the viewer it stands for, or null (accounts provides it). */
export abstract class AccessTokenVerifier {
  abstract viewerForAccessToken(token: string): Promise<Viewer | null>;
}

const BEARER = /^Bearer\s+(\S+)$/i;

type VerifyAccessToken = (token: string, done: (error: unknown, viewer?: Viewer | null) => void) => void;

/**
 * `Authorization: Bearer <token>`, and nowhere else (no query or body parameter, unlike
 * passport-http-bearer), handed to `verify`; no header, another scheme or a malformed one fails.
 */
class BearerTokenStrategy extends Strategy {
  constructor(
    readonly name: string,
    private readonly verify: VerifyAccessToken,
  ) {
    super();
  }

  override authenticate(req: Request): void {
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return this.fail(401);
    this.verify(token, (error, viewer) => {
      if (error) this.error(error as Error);
      else if (viewer) this.success(viewer);
      else this.fail(401);
    });
  }
}

/**
 * Bearer access tokens through Passport, checked by our verifier (signature, expiry, a sign-in
 * not ended, a user not suspended). Passport keeps strategies by name in one registry per process,
 * so this one is registered under this application's own name (PassportModule's `defaultStrategy`,
 * made unique per app instance where AccountsModule imports it) and removed when the app closes:
 * two apps in one process never take over each other's authentication.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(BearerTokenStrategy) implements OnModuleDestroy {
  constructor(
    options: AuthModuleOptions,
    private readonly tokens: AccessTokenVerifier,
  ) {
    super(nameOf(options));
  }

  validate(token: string): Promise<Viewer | null> {
    return this.tokens.viewerForAccessToken(token);
  }

  onModuleDestroy(): void {
    passport.unuse(this.name);
  }
}

function nameOf(options: AuthModuleOptions): string {
  if (typeof options.defaultStrategy !== 'string') throw new Error("PassportModule's defaultStrategy must name the access-token strategy.");
  return options.defaultStrategy;
}
