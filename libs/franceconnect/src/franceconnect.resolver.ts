import { AuthPayload, RefreshTokenArgs } from '@marketplace/accounts';
import { AllowAnonymous, CurrentViewer, setViewerOf, Viewer } from '@marketplace/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { SignInCodeArgs } from './dto/sign-in-code.args';
import { FranceConnectClient } from './franceconnect-client';
import { FranceConnectSignIns } from './franceconnect-sign-ins.service';
import { FranceConnectDisabledError } from './franceconnect.errors';

@Resolver()
export class FranceConnectResolver {
  constructor(
    private readonly signIns: FranceConnectSignIns,
    private readonly provider: FranceConnectClient,
  ) {}

  @Mutation(() => String, {
    description:
      "Signed-in users: an address to open in the browser (GET, once, within 10 minutes) that links the account to the FranceConnect identity the person signs in with there, verifies their identity from FranceConnect's claims, and returns to the web app with a sign-in code. FORBIDDEN when FranceConnect is not enabled.",
  })
  startFranceConnectLink(@CurrentViewer() viewer: Viewer): Promise<string> {
    if (!this.provider.enabled) throw new FranceConnectDisabledError();
    return this.signIns.offerLink(viewer);
  }

  @AllowAnonymous()
  @Mutation(() => AuthPayload, {
    description:
      'Turns the one-time code a FranceConnect sign-in returned to the web app into a sign-in. UNAUTHENTICATED for an unknown code, one already used, or one older than a minute; FORBIDDEN for a suspended account.',
  })
  async exchangeSignInCode(@Args() { code }: SignInCodeArgs, @Context('req') req: Request): Promise<AuthPayload> {
    const payload = await this.signIns.exchangeSignInCode(code);
    setViewerOf(req, { id: payload.user.id, roles: payload.user.roles });
    return payload;
  }

  @AllowAnonymous()
  @Mutation(() => String, {
    nullable: true,
    description:
      "Ends the sign-in the refresh token belongs to, as logout does. For a sign-in made through FranceConnect, the address of FranceConnect's logout (end_session_endpoint with id_token_hint) to send the browser to, which ends the FranceConnect session too and returns to the web app; null otherwise, and while FranceConnect cannot be reached (the sign-in is ended all the same).",
  })
  logoutFranceConnect(@Args() { refreshToken }: RefreshTokenArgs): Promise<string | null> {
    return this.signIns.logout(refreshToken);
  }
}
