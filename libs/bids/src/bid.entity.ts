import { User } from '@marketplace/accounts';
import { Mission } from '@marketplace/missions';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum BidStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  /** Accepted, but the client did not pay within PAYMENT_DUE_HOURS: the mission is open again. */
  EXPIRED = 'EXPIRED',
}

/** A provider's price for a whole mission. The provider chooses it; the platform never does. */
@Entity('bids')
@Index('bids_one_live_per_provider_and_mission', ['missionId', 'providerId'], { unique: true, where: `status IN ('PENDING', 'ACCEPTED')` })
@Index('bids_one_accepted_per_mission', ['missionId'], { unique: true, where: `status = 'ACCEPTED'` })
@Index('bids_mission_idx', ['missionId', 'createdAt', 'id'])
@Index('bids_provider_idx', ['providerId', 'createdAt', 'id'])
@Check('bids_amount', `amount_cents BETWEEN 500 AND 1000000`)
@Check('bids_message_length', `char_length(message) BETWEEN 10 AND 2000`)
@Check('bids_estimated_hours', `estimated_hours IS NULL OR estimated_hours BETWEEN 0.25 AND 200`)
export class Bid {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'CASCADE' })
  mission?: Mission;

  @Column({ type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  provider?: User;

  @Column({ type: 'integer' })
  amountCents!: number;

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'double precision', nullable: true })
  estimatedHours!: number | null;

  @Column({ type: 'enum', enum: BidStatus, enumName: 'bid_status', default: BidStatus.PENDING })
  status!: BidStatus;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
