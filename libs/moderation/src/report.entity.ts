import { User } from '@marketplace/accounts';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export enum ReportTarget {
  MESSAGE = 'MESSAGE',
  MISSION = 'MISSION',
  RATING = 'RATING',
  USER = 'USER',
}

export enum ReportStatus {
  OPEN = 'OPEN',
  ACTIONED = 'ACTIONED',
  DISMISSED = 'DISMISSED',
}

/** A user's report of a mission, a rating, a message or another user, waiting for a moderator. */
@Entity('reports')
@Index('reports_one_open_per_reporter_and_target', ['reporterId', 'target', 'targetId'], { unique: true, where: `status = 'OPEN'` })
@Index('reports_queue_idx', ['status', 'createdAt', 'id'])
@Index('reports_target_idx', ['target', 'targetId'])
@Check('reports_resolution', `(status = 'OPEN') = (resolved_at IS NULL)`)
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: ReportTarget, enumName: 'report_target' })
  target!: ReportTarget;

  @Column({ type: 'uuid' })
  targetId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'uuid' })
  reporterId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  reporter?: User;

  @Column({ type: 'enum', enum: ReportStatus, enumName: 'report_status', default: ReportStatus.OPEN })
  status!: ReportStatus;

  @Column({ type: 'uuid', nullable: true })
  resolvedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  resolvedBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
