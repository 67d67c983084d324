import { Column, Entity, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '@marketplace/accounts';
import { NotificationKind } from '../notification-kind';

/** A user's choice for one kind; without a row, the kind's emails are sent. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @PrimaryColumn({ type: 'text' })
  kind!: NotificationKind;

  @Column({ type: 'boolean' })
  email!: boolean;
}
