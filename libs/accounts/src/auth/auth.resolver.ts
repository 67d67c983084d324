import { AllowAnonymous, setViewerOf } from '@marketplace/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { LoginInput } from '../dto/login.input';
import { RefreshTokenArgs } from '../dto/refresh-token.args';
import { RegisterInput } from '../dto/register.input';
import { AuthPayload } from './auth-payload.type';
import { RateLimit } from '../rate-limits/rate-limit.guard';
import { SessionsService } from './sessions.service';

/** The rest of this response is read by the user who just signed in (their own email, say). */
function signedInAs(req: Request, payload: AuthPayload): AuthPayload {
  setViewerOf(req, { id: payload.user.id, roles: payload.user.roles });
  return payload;
}

@Resolver(() => AuthPayload)
export class AuthResolver {
  constructor(private readonly sessions: SessionsService) {}

  @RateLimit('register')
  @AllowAnonymous()
  @Mutation(() => AuthPayload)
  async register(@Args('input') input: RegisterInput, @Context('req') req: Request): Promise<AuthPayload> {
    return signedInAs(req, await this.sessions.register(input));
  }

  @AllowAnonymous()
  @Mutation(() => AuthPayload)
  async login(@Args('input') input: LoginInput, @Context('req') req: Request): Promise<AuthPayload> {
    return signedInAs(req, await this.sessions.login(input, req.ip ?? 'unknown'));
  }

  @AllowAnonymous()
  @Mutation(() => AuthPayload, { description: 'Rotates the refresh token: the one given stops working.' })
  async refreshSession(@Args() { refreshToken }: RefreshTokenArgs, @Context('req') req: Request): Promise<AuthPayload> {
    return signedInAs(req, await this.sessions.refresh(refreshToken));
  }

  @AllowAnonymous()
  @Mutation(() => Boolean)
  logout(@Args() { refreshToken }: RefreshTokenArgs): Promise<boolean> {
    return this.sessions.logout(refreshToken);
  }
}
