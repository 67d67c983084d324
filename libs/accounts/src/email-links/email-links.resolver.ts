import { AllowAnonymous, CurrentViewer, Viewer } from '@marketplace/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { EmailLinkTokenArgs, RequestPasswordResetArgs, ResetPasswordArgs } from '../dto/email-link.args';
import { RateLimit } from '../rate-limits/rate-limit.guard';
import { EmailVerificationService } from './email-verification.service';
import { PasswordResetService } from './password-reset.service';

/** What the links sent by email do: verify the address, reset the password. */
@Resolver()
export class EmailLinksResolver {
  constructor(
    private readonly emailVerification: EmailVerificationService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @AllowAnonymous()
  @Mutation(() => Boolean, {
    description:
      "Follows a verification link: the user's email address is verified (an account made by signUp can sign in from then on, with login). A link works once, until it expires.",
  })
  verifyEmail(@Args() { token }: EmailLinkTokenArgs): Promise<boolean> {
    return this.emailVerification.verify(token);
  }

  @RateLimit('verificationEmail')
  @Mutation(() => Boolean, { description: 'Sends a new verification link to the signed-in user (CONFLICT when already verified).' })
  resendVerificationEmail(@CurrentViewer() viewer: Viewer): Promise<boolean> {
    return this.emailVerification.resend(viewer.id);
  }

  @RateLimit('passwordReset')
  @AllowAnonymous()
  @Mutation(() => Boolean, {
    description: 'Always true: a reset link is emailed only when an account has this address, and nobody can tell from the answer.',
  })
  requestPasswordReset(@Args() { email }: RequestPasswordResetArgs): Promise<boolean> {
    return this.passwordReset.request(email);
  }

  @RateLimit('passwordReset')
  @AllowAnonymous()
  @Mutation(() => Boolean, {
    description:
      "Sets a new password with a reset link's token (once, until it expires) and signs the user out everywhere. The link proves the address too: it is verified (so an account made by signUp can sign in).",
  })
  resetPassword(@Args() { token, newPassword }: ResetPasswordArgs): Promise<boolean> {
    return this.passwordReset.reset(token, newPassword);
  }
}
