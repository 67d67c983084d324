import { AppConfig, InjectConfig } from '@marketplace/config';
import { Viewer } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessTokenClaims, SessionsService } from './sessions.service';

/** Verifies `Authorization: Bearer <jwt>` and loads the viewer, refusing suspended users. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @InjectConfig() config: AppConfig,
    private readonly sessions: SessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.auth.jwtSecret as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Viewer | false> {
    if (typeof claims.sub !== 'string') return false;
    return (await this.sessions.viewerFor(claims)) ?? false;
  }
}
