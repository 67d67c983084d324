import { User } from '@marketplace/accounts';
import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ModerationDecisionKind } from './moderation-grounds';

/**
 * A statement of reasons (DSA art. 17): a decision that restricted a user, as they were told it.
 * Written in the transaction of the decision; never updated (a contest and its outcome are
 * ModerationContest's), so it stays what the user received.
 */
@Entity('moderation_decisions')
@Index('moderation_decisions_user_idx', ['userId', 'createdAt', 'id'])
@Check('moderation_decisions_automated_detection', `automated_detection OR NOT automated_decision`)
@Check('moderation_decisions_facts_length', `char_length(facts) BETWEEN 1 AND 2000`)
export class ModerationDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The user the decision restricts: the only one who sees it and may contest it. */
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'enum', enum: ModerationDecisionKind, enumName: 'moderation_decision_kind' })
  kind!: ModerationDecisionKind;

  /** The facts and circumstances, as the decider wrote them (the moderator's reason, the rule that fired). */
  @Column({ type: 'text' })
  facts!: string;

  @Column({ type: 'text' })
  groundId!: string;

  @Column({ type: 'int' })
  groundVersion!: number;

  /** Whether what led to the decision was found by automated means (a user's report or a moderator is not). */
  @Column({ type: 'boolean' })
  automatedDetection!: boolean;

  /** Whether the decision was taken by automated means, with no person deciding. */
  @Column({ type: 'boolean' })
  automatedDecision!: boolean;

  /** What the decision acted on: IDENTITY_VERIFICATION, MESSAGE, RATING, MISSION, USER, PAYOUT… */
  @Column({ type: 'text', nullable: true })
  targetType!: string | null;

  @Column({ type: 'uuid', nullable: true })
  targetId!: string | null;

  /** Who decided; null for an automated decision. Never shown to the user. */
  @Column({ type: 'uuid', nullable: true })
  moderatorId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  moderator?: User;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  /** The end of the window to contest it, fixed when it is issued. */
  @Column({ type: 'timestamptz', precision: 3 })
  contestableUntil!: Date;
}
