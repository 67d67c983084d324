import { User } from '@marketplace/accounts';
import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * An upload the quota let in, kept for a day: it counts toward the day's uploads whatever became
 * of it, and, while its body is still streaming in, toward the documents not yet submitted.
 */
@Entity('identity_document_uploads')
@Index('identity_document_uploads_owner_id_started_at_idx', ['ownerId', 'startedAt'])
export class IdentityDocumentUpload {
  /** The id of the document it becomes. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  owner?: User;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  /** Stored or refused; null while the body streams in. */
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
