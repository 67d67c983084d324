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
  @Mutation(() => AuthPayload, {
    description:
      'Creates an account with the CLIENT role and signs it in. CONFLICT when the email is taken; TOO_MANY_REQUESTS past RATE_LIMIT_REGISTER_PER_IP registrations (20 an hour by default, signUp included) from one IP.',
    deprecationReason: 'Use signUp: its answer does not tell whether the email already has an account (register answers CONFLICT).',
  })
  async register(
    @Args('input', { description: 'The new account.' }) input: RegisterInput,
    @Context('req') req: Request,
  ): Promise<AuthPayload> {
    return signedInAs(req, await this.sessions.register(input));
  }

  @RateLimit('register')
  @AllowAnonymous()
  @Mutation(() => Boolean, {
    description:
      "Creates an account with the CLIENT role and emails its verification link; it can sign in (login) once the link was followed. Always true, whether or not the email already has an account: then nothing is created and the address's owner is emailed instead. TOO_MANY_REQUESTS past RATE_LIMIT_REGISTER_PER_IP sign-ups (20 an hour by default, register included) from one IP.",
  })
  signUp(@Args('input', { description: 'The new account.' }) input: RegisterInput): Promise<boolean> {
    return this.sessions.signUp(input);
  }

  @AllowAnonymous()
  @Mutation(() => AuthPayload, {
    description:
      'Signs in. UNAUTHENTICATED for a wrong email or password, or an account made by signUp whose email is not verified yet (the same error for all), FORBIDDEN for a suspended account. TOO_MANY_REQUESTS (with extensions.retryAfterSeconds) after 10 failures for the email or 30 from the IP within 15 minutes (LOGIN_MAX_FAILURES_PER_EMAIL, LOGIN_MAX_FAILURES_PER_IP, LOGIN_FAILURE_WINDOW_SECONDS).',
  })
  async login(
    @Args('input', { description: "The account's email and password." }) input: LoginInput,
    @Context('req') req: Request,
  ): Promise<AuthPayload> {
    return signedInAs(req, await this.sessions.login(input, req.ip ?? 'unknown'));
  }

  @AllowAnonymous()
  @Mutation(() => AuthPayload, {
    description:
      'Rotates the refresh token: the one given stops working. UNAUTHENTICATED for an unknown, expired or revoked token; presenting a token that was already rotated revokes the whole sign-in, on every device. FORBIDDEN for a suspended account.',
  })
  async refreshSession(@Args() { refreshToken }: RefreshTokenArgs, @Context('req') req: Request): Promise<AuthPayload> {
    return signedInAs(req, await this.sessions.refresh(refreshToken));
  }

  @AllowAnonymous()
  @Mutation(() => Boolean, {
    description:
      'Ends the sign-in the refresh token belongs to: its refresh and access tokens stop working. True, even for an unknown token (as OAuth token revocation).',
  })
  logout(@Args() { refreshToken }: RefreshTokenArgs): Promise<boolean> {
    return this.sessions.logout(refreshToken);
  }
}
