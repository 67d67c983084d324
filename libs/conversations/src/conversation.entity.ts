import { User } from '@marketplace/accounts';
import { Mission } from '@marketplace/missions';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A provider and a mission's client talking about that mission: one per (mission, provider),
 * opened by the provider's first message. Each side's read receipt is the instant up to which
 * they have read; `lastMessageAt` orders a user's conversations by activity.
 */
@Entity('conversations')
@Index('conversations_one_per_mission_and_provider', ['missionId', 'providerId'], { unique: true })
@Index('conversations_of_client_idx', ['clientId', 'lastMessageAt', 'id'])
@Index('conversations_of_provider_idx', ['providerId', 'lastMessageAt', 'id'])
@Check('conversations_two_sides', `client_id <> provider_id`)
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'RESTRICT' })
  mission?: Mission;

  /** The mission's client (a mission's client never changes). */
  @Column({ type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  client?: User;

  @Column({ type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  provider?: User;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  clientLastReadAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  providerLastReadAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3 })
  lastMessageAt!: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
