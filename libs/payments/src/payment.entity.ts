import { User } from '@marketplace/accounts';
import { Mission } from '@marketplace/missions';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum PaymentStatus {
  REQUIRES_PAYMENT = 'REQUIRES_PAYMENT',
  SUCCEEDED = 'SUCCEEDED',
  /** Part of the money was given back (a split settlement, a refund made in Stripe's dashboard); the rest is the provider's. */
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
  FAILED = 'FAILED',
  /** The mission was cancelled before it was paid: its PaymentIntent was canceled at Stripe. */
  CANCELED = 'CANCELED',
}

/**
 * What the client pays for a mission, created when a bid is accepted: the bid's amount, the
 * platform fee at that moment and what the provider will receive. One per mission, but for those
 * of acceptances that lapsed unpaid (`lapsedAt`), kept as the record of why the mission reopened.
 */
@Entity('payments')
@Index('payments_mission_key', ['missionId'], { unique: true, where: 'lapsed_at IS NULL' })
@Index('payments_payment_intent_key', ['stripePaymentIntentId'], { unique: true })
@Check('payments_amounts', `amount_cents > 0 AND platform_fee_cents >= 0 AND provider_amount_cents = amount_cents - platform_fee_cents`)
@Check(
  'payments_refunded',
  `refunded_cents BETWEEN 0 AND amount_cents AND (settlement_refund_cents IS NULL OR settlement_refund_cents > 0)`,
)
@Check('payments_charged_back', `charged_back_cents BETWEEN 0 AND amount_cents`)
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'RESTRICT' })
  mission?: Mission;

  @Column({ type: 'uuid' })
  bidId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  client?: User;

  @Column({ type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  provider?: User;

  @Column({ type: 'integer' })
  amountCents!: number;

  @Column({ type: 'integer' })
  platformFeeCents!: number;

  @Column({ type: 'integer' })
  providerAmountCents!: number;

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  @Column({ type: 'enum', enum: PaymentStatus, enumName: 'payment_status', default: PaymentStatus.REQUIRES_PAYMENT })
  status!: PaymentStatus;

  /** Null until the PaymentIntent is created, just after the acceptance commits (see PaymentsService). */
  @Column({ type: 'text', nullable: true })
  stripePaymentIntentId!: string | null;

  /**
   * Handed to the client's app to confirm the payment with Stripe.js; shown to the client only.
   * Null until the PaymentIntent exists, and for one created after its mission was cancelled.
   */
  @Column({ type: 'text', nullable: true })
  clientSecret!: string | null;

  /** The charge of the succeeded PaymentIntent: the source_transaction of the provider's transfer. */
  @Column({ type: 'text', nullable: true })
  stripeChargeId!: string | null;

  /** Our own refund (the one the refund job makes, once), when made; refunds made at Stripe are in `refunds`. */
  @Column({ type: 'text', nullable: true })
  stripeRefundId!: string | null;

  /** Set when our refund is due (a paid mission called off, a split settlement): the refund job runs from then on. */
  @Column({ type: 'timestamptz', nullable: true })
  refundRequestedAt!: Date | null;

  /** The amount our refund is for: a split's part; null for all that is left (a mission called off). */
  @Column({ type: 'integer', nullable: true })
  settlementRefundCents!: number | null;

  /** Every refund made so far, ours and those made at Stripe: the sum of the payment's `refunds`. */
  @Column({ type: 'integer', default: 0 })
  refundedCents!: number;

  /** What card chargebacks the platform lost took back for good: the sum of the payment's LOST `chargebacks`. */
  @Column({ type: 'integer', default: 0 })
  chargedBackCents!: number;

  @Column({ type: 'timestamptz', nullable: true })
  succeededAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  refundedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  canceledAt!: Date | null;

  /** PAYMENT_DUE_HOURS after acceptance: unpaid by then, the acceptance lapses. Null for payments made before lapsing existed. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  /** Set when the acceptance lapsed unpaid after PAYMENT_DUE_HOURS: its bid EXPIRED, its mission open again. */
  @Column({ type: 'timestamptz', nullable: true })
  lapsedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
