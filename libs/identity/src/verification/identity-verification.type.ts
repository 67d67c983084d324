import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DocumentType } from './identity-verification.entity';

/** A user's identity status: the status of their latest case, or NOT_SUBMITTED. */
export enum IdentityStatus {
  NOT_SUBMITTED = 'NOT_SUBMITTED',
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

registerEnumType(IdentityStatus, { name: 'IdentityStatus' });
registerEnumType(DocumentType, { name: 'DocumentType' });

@ObjectType('IdentityDocument', { implements: () => [NodeInterface] })
export class IdentityDocumentType {
  @Field(() => ID)
  id!: string;

  @Field()
  mimeType!: string;

  @Field(() => Int)
  sizeBytes!: number;
}

/** Fields resolved from relations (user, documents, assignedTo, decidedBy) live in the resolver. */
@ObjectType('IdentityVerification', { implements: () => [NodeInterface] })
export class IdentityVerificationType {
  @Field(() => ID)
  id!: string;

  @Field(() => IdentityStatus)
  status!: IdentityStatus;

  @Field(() => DocumentType)
  documentType!: DocumentType;

  @Field()
  legalName!: string;

  @Field()
  dateOfBirth!: string;

  @Field(() => String, { nullable: true })
  rejectionReason!: string | null;

  @Field()
  submittedAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;
}

export const IdentityVerificationConnection = ConnectionType(IdentityVerificationType, 'IdentityVerification');
