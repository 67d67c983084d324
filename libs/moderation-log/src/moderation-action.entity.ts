import { User } from '@marketplace/accounts';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** One thing a moderator did, or an automated decision: who, what, to which target, why, when. Never updated or deleted. */
@Entity('moderation_actions')
@Index('moderation_actions_created_at_idx', ['createdAt', 'id'])
@Index('moderation_actions_target_id_idx', ['targetId'])
export class ModerationAction {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null for an automated decision: a rule a job applied (payouts held for missing DAC7 data, an identity FranceConnect verified); the reason says which. */
  @Column({ type: 'uuid', nullable: true })
  moderatorId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  moderator?: User;

  /** A short verb: APPROVE_IDENTITY, REJECT_IDENTITY, SUSPEND_USER… */
  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'uuid' })
  targetId!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
