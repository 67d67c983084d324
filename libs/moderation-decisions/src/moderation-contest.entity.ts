import { User } from '@marketplace/accounts';
import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ModerationDecision } from './moderation-decision.entity';

export enum ContestStatus {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  REVERSED = 'REVERSED',
}

/**
 * A user's contest of a decision (DSA art. 20): once per decision, reviewed by a moderator who did
 * not take it. The decider is copied here so that the database refuses them as reviewer.
 */
@Entity('moderation_contests')
@Index('moderation_contests_one_per_decision', ['decisionId'], { unique: true })
@Index('moderation_contests_queue_idx', ['status', 'createdAt', 'id'])
@Check('moderation_contests_text_length', `char_length(text) BETWEEN 10 AND 2000`)
@Check('moderation_contests_reviewer_not_decider', `reviewer_id IS NULL OR reviewer_id IS DISTINCT FROM decided_by_id`)
@Check('moderation_contests_reviewer_not_user', `reviewer_id IS DISTINCT FROM user_id`)
@Check(
  'moderation_contests_outcome',
  `(status = 'OPEN') = (reviewed_at IS NULL) AND (status = 'OPEN' OR (reviewer_id IS NOT NULL AND review_reason IS NOT NULL))`,
)
export class ModerationContest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => ModerationDecision, { onDelete: 'CASCADE' })
  decision?: ModerationDecision;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  /** The moderator who took the decision contested (null for an automated one). */
  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'enum', enum: ContestStatus, enumName: 'moderation_contest_status', default: ContestStatus.OPEN })
  status!: ContestStatus;

  /** The moderator reviewing it: set by claiming it, or by deciding it unclaimed. */
  @Column({ type: 'uuid', nullable: true })
  reviewerId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  reviewer?: User;

  @Column({ type: 'text', nullable: true })
  reviewReason!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  reviewedAt!: Date | null;
}
