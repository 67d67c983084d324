import { CalendarDate } from '@marketplace/earnings';
import { MissionCategory } from '@marketplace/missions';
import { RatingRole, ReputationSummaryType } from '@marketplace/ratings';
import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CredentialProblem } from './reputation-credentials.service';

registerEnumType(CredentialProblem, {
  name: 'ReputationCredentialProblem',
  description: 'Why a reputation credential does not verify.',
  valuesMap: {
    UNSUPPORTED_ALGORITHM: { description: 'The JWS is not signed with ES256, the only algorithm the platform signs with.' },
    UNKNOWN_KEY: { description: 'The JWS header names no key of the platform (kid): not signed by us.' },
    SIGNATURE_MISMATCH: {
      description: 'The signature does not match the header and payload: the credential was altered, or not signed by us.',
    },
    WRONG_TYPE: { description: 'Signed by us, but the JWS is not a credential (typ vc+jwt, cty vc).' },
    NOT_A_REPUTATION_CREDENTIAL: {
      description: 'Signed by us, but the payload is not a reputation credential (message says what is missing).',
    },
    WRONG_ISSUER: { description: "The credential's issuer is not this platform's URL (PUBLIC_API_URL)." },
    NOT_YET_VALID: { description: 'The credential is valid from a later instant (validFrom).' },
    EXPIRED: { description: 'The credential is past its validUntil: its provider exports a new one.' },
  },
});

@ObjectType('ReputationCredentialRating', {
  description: 'One published rating, as a reputation credential lists it: nothing of who wrote it.',
})
export class CredentialRatingType {
  @Field(() => RatingRole, { description: 'The role in which the provider was rated.' })
  role!: RatingRole;

  @Field(() => Int, { description: '1 to 5.' })
  score!: number;

  @Field(() => CalendarDate, { description: 'The day (Paris) the mission rated was completed.' })
  date!: string;

  @Field(() => MissionCategory, { description: "The mission's category." })
  missionCategory!: MissionCategory;
}

@ObjectType('ReputationCredentialSubject', { description: 'Whom a reputation credential is about, and what their published ratings say.' })
export class CredentialSubjectType {
  @Field({ description: "`urn:uuid:` followed by the provider's User id." })
  id!: string;

  @Field({ description: "The provider's display name when the credential was issued." })
  name!: string;

  @Field(() => ReputationSummaryType, { description: 'Published, not hidden ratings received as the provider of a mission: all of them.' })
  asProvider!: ReputationSummaryType;

  @Field(() => ReputationSummaryType, { description: 'Published, not hidden ratings received as the client of a mission: all of them.' })
  asClient!: ReputationSummaryType;

  @Field(() => [CredentialRatingType], {
    description: 'Each published, not hidden rating received, the most recently completed mission first; the 500 most recent at most.',
  })
  ratings!: CredentialRatingType[];
}

@ObjectType('ReputationCredentialClaims', { description: 'What a reputation credential says (its W3C Verifiable Credential fields).' })
export class CredentialClaimsType {
  @Field({ description: "The credential's id (urn:uuid:…), new for each export." })
  id!: string;

  @Field({ description: 'The platform: its public API URL, where /.well-known/jwks.json serves the keys that verify the credential.' })
  issuer!: string;

  @Field({ description: 'When it was issued: what it says is true of that instant.' })
  validFrom!: Date;

  @Field({ description: 'When it expires (a year after validFrom).' })
  validUntil!: Date;

  @Field(() => CredentialSubjectType, { description: 'The provider and their ratings.' })
  subject!: CredentialSubjectType;
}

@ObjectType('ReputationCredential', {
  description:
    "A provider's published ratings as a W3C Verifiable Credential (Data Model 2.0) signed by the platform: a compact JWS (VC-JOSE-COSE, ES256) that any JOSE library verifies with the keys of /.well-known/jwks.json.",
})
export class ReputationCredentialType {
  @Field({
    description: 'The credential, secured: header.payload.signature (media type application/vc+jwt). This is what the provider hands over.',
  })
  jws!: string;

  @Field({ description: 'The id of the key that signed it, the kid of its JWS header.' })
  keyId!: string;

  @Field({ description: 'The credential itself, the JWS payload decoded: JSON, exactly as signed.' })
  json!: string;

  @Field(() => CredentialClaimsType, { description: 'What the credential says, as fields.' })
  claims!: CredentialClaimsType;
}

@ObjectType('ReputationCredentialVerification', { description: 'What verifyReputationCredential found.' })
export class CredentialVerificationType {
  @Field({ description: 'True when the platform signed it, unaltered, and it is valid now.' })
  valid!: boolean;

  @Field(() => CredentialProblem, { nullable: true, description: 'Why it is not valid; null when it is.' })
  problem!: CredentialProblem | null;

  @Field(() => String, { nullable: true, description: 'The problem in a sentence; null when valid.' })
  message!: string | null;

  @Field(() => String, { nullable: true, description: 'The kid its JWS header names, if any.' })
  keyId!: string | null;

  @Field(() => CredentialClaimsType, {
    nullable: true,
    description: 'What it says, when valid; null otherwise (nothing unverified is repeated).',
  })
  claims!: CredentialClaimsType | null;
}
