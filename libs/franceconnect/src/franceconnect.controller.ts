import { RateLimit } from '@marketplace/accounts';
import { AllowAnonymous } from '@marketplace/common';
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FranceConnectClient } from './franceconnect-client';
import { FranceConnectDisabledError } from './franceconnect.errors';
import { ATTEMPT_COOKIE, FranceConnectPassport } from './franceconnect.strategy';

/**
 * The browser's side: GET /auth/franceconnect sends it to FranceConnect (`?attempt=` for a link
 * address from startFranceConnectLink), and FranceConnect sends it back to /callback, which
 * redirects to the web app with `?code=` (for exchangeSignInCode) or `?error=`: never a token in a URL.
 * FranceConnect unreachable is `?error=PROVIDER_UNAVAILABLE` too, on either route.
 */
@Controller('auth/franceconnect')
export class FranceConnectController {
  constructor(
    private readonly passport: FranceConnectPassport,
    private readonly provider: FranceConnectClient,
  ) {}

  @AllowAnonymous()
  @RateLimit('franceconnect')
  @Get()
  async begin(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.run(req, res);
  }

  @AllowAnonymous()
  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.run(req, res);
  }

  private async run(req: Request, res: Response): Promise<void> {
    if (!this.provider.enabled) throw new FranceConnectDisabledError();
    const outcome = await this.passport.authenticate(req, res);
    if (!outcome) return;
    res.clearCookie(ATTEMPT_COOKIE, { path: '/auth/franceconnect' });
    const answer: Record<string, string> = 'signInCode' in outcome ? { code: outcome.signInCode } : { error: outcome.refusal.reason };
    res.redirect(303, `${this.provider.appReturnUrl}?${new URLSearchParams(answer)}`);
  }
}
