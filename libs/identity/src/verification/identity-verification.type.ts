import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DocumentType, VerificationSource } from './identity-verification.entity';

/** A user's identity status: the status of their latest case, or NOT_SUBMITTED. */
export enum IdentityStatus {
  NOT_SUBMITTED = 'NOT_SUBMITTED',
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

registerEnumType(IdentityStatus, {
  name: 'IdentityStatus',
  description: "Where a user's identity verification stands: the status of their latest case.",
  valuesMap: {
    NOT_SUBMITTED: { description: 'The user never submitted a case.' },
    PENDING: { description: 'Submitted, waiting for a moderator.' },
    APPROVED: { description: 'A moderator checked the documents: the identity is verified (the badge).' },
    REJECTED: { description: 'A moderator rejected the case (see rejectionReason): the user may submit again.' },
  },
});
registerEnumType(VerificationSource, {
  name: 'IdentityVerificationSource',
  description: 'How an identity was checked.',
  valuesMap: {
    DOCUMENTS: { description: 'A moderator looked at the documents the user uploaded.' },
    FRANCECONNECT: { description: "FranceConnect's state-verified claims, approved at once with no moderator and no document." },
  },
});
/**
 * DocumentType as GraphQL has it: the kinds of document one submits, and FRANCECONNECT for a case
 * that came with none (its `documentType` column is null), so that the field stays non-null as the
 * contract has it. Submissions take only the kinds of document (SubmitIdentityVerificationInput).
 */
export const DocumentTypeField = { ...DocumentType, FRANCECONNECT: 'FRANCECONNECT' } as const;
export type DocumentTypeField = (typeof DocumentTypeField)[keyof typeof DocumentTypeField];
registerEnumType(DocumentTypeField, {
  name: 'DocumentType',
  description: 'The kind of identity document submitted.',
  valuesMap: {
    ID_CARD: { description: 'A national identity card.' },
    PASSPORT: { description: 'A passport.' },
    RESIDENCE_PERMIT: { description: 'A residence permit.' },
    DRIVING_LICENCE: { description: 'A driving licence.' },
    FRANCECONNECT: {
      description: 'No document: the identity came verified from FranceConnect (source FRANCECONNECT). Never accepted in a submission.',
    },
  },
});

@ObjectType('IdentityDocument', {
  implements: () => [NodeInterface],
  description: 'A file uploaded with POST /identity/documents, encrypted at rest; seen by its owner and by moderators.',
})
export class IdentityDocumentType {
  @Field(() => ID, { description: "The document's id." })
  id!: string;

  @Field({ description: 'One of image/jpeg, image/png or application/pdf, as recognised from the content.' })
  mimeType!: string;

  @Field(() => Int, { description: "The file's size in bytes, at most 10 MiB (10485760)." })
  sizeBytes!: number;
}

/** Fields resolved from relations (user, documents, assignedTo, decidedBy), and documentType, live in the resolver. */
@ObjectType('IdentityVerification', {
  implements: () => [NodeInterface],
  description: "A user's request to have their identity checked, and the moderator's decision on it: seen by the user and by moderators.",
})
export class IdentityVerificationType {
  @Field(() => ID, { description: "The case's id." })
  id!: string;

  @Field(() => IdentityStatus, { description: 'PENDING, APPROVED or REJECTED.' })
  status!: IdentityStatus;

  @Field(() => VerificationSource, { description: 'DOCUMENTS or FRANCECONNECT.' })
  source!: VerificationSource;

  @Field({ description: 'The legal name: on the document (2 to 120 characters), or given and family names from FranceConnect.' })
  legalName!: string;

  @Field({ description: 'ISO date, YYYY-MM-DD.' })
  dateOfBirth!: string;

  @Field(() => String, { nullable: true, description: "The moderator's reason, shown to the user; null unless REJECTED." })
  rejectionReason!: string | null;

  @Field({ description: 'When the user submitted the case.' })
  submittedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a moderator approved or rejected it; null while PENDING.' })
  decidedAt!: Date | null;
}

export const IdentityVerificationConnection = ConnectionType(IdentityVerificationType, 'IdentityVerification');
