import { User } from '@marketplace/accounts';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { NotificationKind } from '../notification-kind';

/**
 * An email to send, written in the transaction of what caused it and sent by the
 * `notifications:send-email` job. The row stays until it is sent; a failed attempt records its
 * error. Once sent, its bodies are cleared: the outbox is a queue, not an archive, and a security
 * email's link must not sit readable in the database.
 */
@Entity('email_outbox')
@Index('email_outbox_unsent_idx', ['createdAt'], { where: 'sent_at IS NULL' })
@Index('email_outbox_sent_at_idx', ['sentAt'], { where: 'sent_at IS NOT NULL' })
@Index('email_outbox_user_id_idx', ['userId'])
@Index('email_outbox_notification_id_key', ['notificationId'], { unique: true, where: 'notification_id IS NOT NULL' })
@Check('email_outbox_attempts_check', 'attempts >= 0')
export class OutboxEmail {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The recipient's account; null once it is deleted (the row then only tells what was sent). */
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  user?: User;

  /** The in-app notification this is the email of (not a foreign key: notifications go with their user, the row stays). */
  @Column({ type: 'uuid', nullable: true })
  notificationId!: string | null;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ type: 'text' })
  toAddress!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text', nullable: true })
  textBody!: string | null;

  @Column({ type: 'text', nullable: true })
  htmlBody!: string | null;

  /** Extra headers (List-Unsubscribe…). */
  @Column({ type: 'jsonb', default: {} })
  headers!: Record<string, string>;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
