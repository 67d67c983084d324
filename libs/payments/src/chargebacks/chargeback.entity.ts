import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Payment } from '../payment.entity';

export enum ChargebackStatus {
  /** The cardholder's bank is taking the money back; the network has not decided. */
  OPEN = 'OPEN',
  /** Decided for the platform (or an inquiry closed with no chargeback): nothing is lost. */
  WON = 'WON',
  /** Decided for the cardholder: the money withdrawn stays gone. */
  LOST = 'LOST',
}

/**
 * A card chargeback on a payment: Stripe's dispute (`dp_…`), learned from its webhooks. One row per
 * dispute, moved only forward (OPEN → WON or LOST), whatever the order its events arrive in.
 */
@Entity('chargebacks')
@Index('chargebacks_stripe_dispute_key', ['stripeDisputeId'], { unique: true })
@Index('chargebacks_payment_idx', ['paymentId'])
@Index('chargebacks_status_idx', ['status', 'openedAt', 'id'])
@Check('chargebacks_amount', `amount_cents > 0`)
@Check('chargebacks_closed', `(status = 'OPEN') = (closed_at IS NULL)`)
@Check('chargebacks_withdrawn', `(funds_withdrawn_at IS NULL) = (after_payout IS NULL)`)
@Check('chargebacks_reinstated', `funds_reinstated_at IS NULL OR (status = 'WON' AND funds_withdrawn_at IS NOT NULL)`)
@Check('chargebacks_lost', `status <> 'LOST' OR funds_withdrawn_at IS NOT NULL`)
export class Chargeback {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  stripeDisputeId!: string;

  @Column({ type: 'uuid' })
  paymentId!: string;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  payment?: Payment;

  @Column({ type: 'uuid' })
  missionId!: string;

  @Column({ type: 'text' })
  stripeChargeId!: string;

  @Column({ type: 'integer' })
  amountCents!: number;

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  /** Stripe's reason (`fraudulent`, `product_not_received`…), as the cardholder's bank gave it. */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'enum', enum: ChargebackStatus, enumName: 'chargeback_status', default: ChargebackStatus.OPEN })
  status!: ChargebackStatus;

  /** When the cardholder's bank opened it (Stripe's `created`). */
  @Column({ type: 'timestamptz', precision: 3 })
  openedAt!: Date;

  /** When Stripe told of the decision (the first event showing it). */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  fundsWithdrawnAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  fundsReinstatedAt!: Date | null;

  /**
   * Set with the withdrawal: the provider's transfer had been made, so the money was the platform's
   * (a loss) rather than the client's, still held.
   */
  @Column({ type: 'boolean', nullable: true })
  afterPayout!: boolean | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
