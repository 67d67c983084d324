import { User } from '@marketplace/accounts';
import { Mission } from '@marketplace/missions';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RatingHideReason } from './rating-hide-reasons';

/** The role of the rated user in the mission. */
export enum RatingRole {
  PROVIDER = 'PROVIDER',
  CLIENT = 'CLIENT',
}

/**
 * One party's rating of the other after a completed mission. Double-blind: unpublished, it is its
 * author's alone; it is published when the other side has rated too, or when the window closes.
 */
@Entity('ratings')
@Index('ratings_one_per_author_and_mission', ['missionId', 'authorId'], { unique: true })
@Index('ratings_received_idx', ['subjectId', 'role', 'publishedAt', 'id'], { where: 'published_at IS NOT NULL AND hidden_at IS NULL' })
@Check('ratings_hidden_with_reason', `hidden_at IS NULL OR hidden_reason_code IS NOT NULL`)
@Index('ratings_mission_idx', ['missionId'])
@Check('ratings_score', `score BETWEEN 1 AND 5`)
@Check('ratings_comment_length', `comment IS NULL OR char_length(comment) <= 1000`)
@Check('ratings_reply_length', `reply IS NULL OR char_length(reply) <= 1000`)
@Check('ratings_reply_after_publication', `reply IS NULL OR published_at IS NOT NULL`)
@Check('ratings_not_self', `author_id <> subject_id`)
export class Rating {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'RESTRICT' })
  mission?: Mission;

  /** When the mission rated was completed (the date of the experience, shown beside the rating); a completion is final. */
  @Column({ type: 'timestamptz' })
  missionCompletedAt!: Date;

  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  author?: User;

  @Column({ type: 'uuid' })
  subjectId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  subject?: User;

  @Column({ type: 'enum', enum: RatingRole, enumName: 'rating_role' })
  role!: RatingRole;

  @Column({ type: 'smallint' })
  score!: number;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** The rated user's public answer, once. */
  @Column({ type: 'text', nullable: true })
  reply!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  repliedAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publishedAt!: Date | null;

  /** Hidden by a moderator: out of lists and reputation. */
  @Column({ type: 'timestamptz', nullable: true })
  hiddenAt!: Date | null;

  /** Why, from the closed list (RatingHideReason). */
  @Column({ type: 'enum', enum: RatingHideReason, enumName: 'rating_hide_reason', nullable: true })
  hiddenReasonCode!: RatingHideReason | null;

  /** The moderator's own words beside the code, if any. */
  @Column({ type: 'text', nullable: true })
  hiddenReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
