import { AllowAnonymous } from '@marketplace/common';
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ReputationCredentialsService } from './reputation-credentials.service';

/** How long verifiers may keep the key set: a new signing key is published this long before it signs (docs: rotation). */
export const JWKS_MAX_AGE_SECONDS = 900;

/** The public keys that verify reputation credentials (RFC 7517 JWK Set), for anyone, from any origin. */
@Controller('.well-known')
export class JwksController {
  constructor(private readonly credentials: ReputationCredentialsService) {}

  @AllowAnonymous()
  @Get('jwks.json')
  jwks(@Res() res: Response): void {
    res
      .status(200)
      .set({
        'Content-Type': 'application/jwk-set+json',
        'Cache-Control': `public, max-age=${JWKS_MAX_AGE_SECONDS}`,
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      })
      .send(JSON.stringify(this.credentials.keySet()));
  }
}
