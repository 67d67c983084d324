import { User } from '@marketplace/accounts';
import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export enum VerificationStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** How the identity was checked: documents a moderator looked at, or FranceConnect's state-verified claims. */
export enum VerificationSource {
  DOCUMENTS = 'DOCUMENTS',
  FRANCECONNECT = 'FRANCECONNECT',
}

export enum DocumentType {
  ID_CARD = 'ID_CARD',
  PASSPORT = 'PASSPORT',
  RESIDENCE_PERMIT = 'RESIDENCE_PERMIT',
  DRIVING_LICENCE = 'DRIVING_LICENCE',
}

/** A user's request to have their identity checked, and the moderator's decision on it. */
@Entity('identity_verifications')
@Index('identity_verifications_one_pending_per_user', ['userId'], { unique: true, where: `status = 'PENDING'` })
@Index('identity_verifications_queue_idx', ['status', 'submittedAt', 'id'])
@Index('identity_verifications_user_idx', ['userId', 'submittedAt'])
@Check('identity_verifications_decision', `(status = 'PENDING') = (decided_at IS NULL)`)
@Check('identity_verifications_rejection_reason', `status <> 'REJECTED' OR rejection_reason IS NOT NULL`)
@Check('identity_verifications_source_document', `(source = 'DOCUMENTS') = (document_type IS NOT NULL)`)
export class IdentityVerification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'enum', enum: VerificationStatus, enumName: 'identity_verification_status', default: VerificationStatus.PENDING })
  status!: VerificationStatus;

  @Column({ type: 'enum', enum: VerificationSource, enumName: 'identity_verification_source', default: VerificationSource.DOCUMENTS })
  source!: VerificationSource;

  /** Null for FranceConnect: no document is involved, none is stored. */
  @Column({ type: 'enum', enum: DocumentType, enumName: 'identity_document_type', nullable: true })
  documentType!: DocumentType | null;

  @Column({ type: 'text' })
  legalName!: string;

  /** YYYY-MM-DD. */
  @Column({ type: 'date' })
  dateOfBirth!: string;

  /** As FranceConnect gives them (INSEE codes; birthplace is empty for a birth abroad); null for documents. */
  @Column({ type: 'text', nullable: true })
  birthplace!: string | null;

  @Column({ type: 'text', nullable: true })
  birthcountry!: string | null;

  /** FranceConnect's `female` or `male`; null for documents. */
  @Column({ type: 'text', nullable: true })
  gender!: string | null;

  /** The moderator who claimed the case. */
  @Column({ type: 'uuid', nullable: true })
  assignedToId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  assignedTo?: User;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  decidedBy?: User;

  @Column({ type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** When the documents were deleted, the retention period after the decision. */
  @Column({ type: 'timestamptz', nullable: true })
  documentsPurgedAt!: Date | null;
}
