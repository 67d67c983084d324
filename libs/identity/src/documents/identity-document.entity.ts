import { User } from '@marketplace/accounts';
import { IdentityVerification } from '../verification/identity-verification.entity';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';

/** An uploaded identity document; the file itself is encrypted in the document storage. */
@Entity('identity_documents')
@Index('identity_documents_owner_id_idx', ['ownerId'])
@Index('identity_documents_verification_id_idx', ['verificationId'])
@Check('identity_documents_size', `size_bytes BETWEEN 1 AND 10485760`)
@Check('identity_documents_mime_type', `mime_type IN ('image/jpeg', 'image/png', 'application/pdf')`)
export class IdentityDocument {
  /** Chosen before the file is stored: it is authenticated inside the encrypted file. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  owner?: User;

  @Column({ type: 'text' })
  mimeType!: string;

  @Column({ type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'text' })
  storageKey!: string;

  /** The verification it was submitted with; a document is submitted once. */
  @Column({ type: 'uuid', nullable: true })
  verificationId!: string | null;

  @ManyToOne(() => IdentityVerification, { onDelete: 'CASCADE' })
  verification?: IdentityVerification;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
