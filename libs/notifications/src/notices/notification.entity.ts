import { User } from '@marketplace/accounts';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { NoticeKind } from '../notification-kind';
import { NoticeFacts } from './notice-texts';

/**
 * An in-app notification: what happened to its user, written in the transaction of the event. Its
 * text is not stored but rendered from kind and facts when read, in the reader's language of the
 * moment. The mission and conversation ids are not foreign keys: those tables belong to libraries
 * above this one, and the notification outlives nothing it points at (missions are not deleted).
 */
@Entity('notifications')
@Index('notifications_user_newest_idx', ['userId', 'createdAt', 'id'])
@Index('notifications_user_unread_idx', ['userId', 'createdAt', 'id'], { where: 'read_at IS NULL' })
@Index('notifications_read_at_idx', ['readAt'], { where: 'read_at IS NOT NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'text' })
  kind!: NoticeKind;

  @Column({ type: 'uuid', nullable: true })
  missionId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  conversationId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  facts!: NoticeFacts;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt!: Date | null;
}
