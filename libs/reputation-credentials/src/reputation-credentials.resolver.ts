import { RateLimit } from '@marketplace/accounts';
import { AllowAnonymous, CurrentViewer, RequireRoles, Role, Viewer } from '@marketplace/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CredentialVerificationType, ReputationCredentialType } from './reputation-credential.types';
import { ReputationCredentialsService } from './reputation-credentials.service';

@Resolver()
export class ReputationCredentialsResolver {
  constructor(private readonly credentials: ReputationCredentialsService) {}

  @RequireRoles(Role.PROVIDER)
  @RateLimit('reputationExport')
  @Mutation(() => ReputationCredentialType, {
    description:
      "Providers: their published, not hidden ratings (count and average per role; each one's score, day and mission category, the 500 most recent at most) as a W3C Verifiable Credential the platform signs, valid a year, to show on another platform. Nothing of the people who rated them. Nothing is stored: each call issues a new credential. TOO_MANY_REQUESTS past RATE_LIMIT_REPUTATION_EXPORT_PER_USER (20 an hour by default).",
  })
  exportReputation(@CurrentViewer() viewer: Viewer): Promise<ReputationCredentialType> {
    return this.credentials.export(viewer);
  }

  @AllowAnonymous()
  @RateLimit('reputationCredentialVerification')
  @Query(() => CredentialVerificationType, {
    description:
      "Anyone: checks a reputation credential (the jws of exportReputation) against the platform's keys by its kid, retired keys included: signature, JWS type, structure, issuer and validity now. A well-formed credential that fails answers valid: false with the problem; BAD_USER_INPUT when it is not a compact JWS at all. TOO_MANY_REQUESTS past RATE_LIMIT_REPUTATION_CREDENTIAL_VERIFICATION_PER_IP (300 an hour by default).",
  })
  async verifyReputationCredential(
    @Args('credential', { description: 'The credential as a compact JWS (header.payload.signature), spaces around it ignored.' })
    credential: string,
  ): Promise<CredentialVerificationType> {
    const verification = await this.credentials.verify(credential);
    return verification.valid
      ? { valid: true, problem: null, message: null, keyId: verification.keyId, claims: verification.claims }
      : { ...verification, claims: null };
  }
}
