import { User } from '@marketplace/accounts';
import { Mission } from '@marketplace/missions';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ReceiptFacts } from './receipt-facts';

/**
 * What the client of a mission completed without an invoice from the platform gets instead: a
 * receipt of their payment, frozen when the mission completed (`facts`), its PDF rendered from
 * them on each download. One per mission; for its client only.
 */
@Entity('payment_receipts')
@Index('payment_receipts_mission_key', ['missionId'], { unique: true })
@Check('payment_receipts_total', `total_cents >= 0`)
export class PaymentReceipt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mission_id', foreignKeyConstraintName: 'payment_receipts_mission_fkey' })
  mission?: Mission;

  @Column({ type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'payment_receipts_client_fkey' })
  client?: User;

  @Column({ type: 'timestamptz', precision: 3 })
  issuedAt!: Date;

  @Column({ type: 'integer' })
  totalCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'jsonb' })
  facts!: ReceiptFacts;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
