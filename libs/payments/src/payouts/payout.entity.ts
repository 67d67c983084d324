import { User } from '@marketplace/accounts';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Payment } from '../payment.entity';

export enum PayoutStatus {
  PENDING = 'PENDING',
  TRANSFERRED = 'TRANSFERRED',
  PAID_OUT = 'PAID_OUT',
  FAILED = 'FAILED',
  /** Nothing was left to pay out: the payment was refunded in full at Stripe, or charged back and lost, before the transfer. */
  CANCELED = 'CANCELED',
  /** Transferred, but the provider's bank returned Stripe's payout: the money waits in their Stripe balance. */
  BANK_PAYOUT_FAILED = 'BANK_PAYOUT_FAILED',
}

/** The transfer to the provider was made (whatever became of it at their bank since). */
export const TRANSFER_MADE: readonly PayoutStatus[] = [PayoutStatus.TRANSFERRED, PayoutStatus.PAID_OUT, PayoutStatus.BANK_PAYOUT_FAILED];

/** What a provider receives for a completed mission: one transfer to their connected account, per payment. */
@Entity('payouts')
@Index('payouts_payment_key', ['paymentId'], { unique: true })
@Index('payouts_provider_idx', ['providerId', 'createdAt', 'id'])
@Index('payouts_failed_idx', ['lastAttemptAt', 'id'], { where: `status = 'FAILED'` })
@Index('payouts_pending_idx', ['id'], { where: `status = 'PENDING'` })
@Check('payouts_amount', `amount_cents >= 0`)
@Check('payouts_failed_attempted', `status <> 'FAILED' OR last_attempt_at IS NOT NULL`)
@Check('payouts_transfer', `status::text IN ('PENDING', 'FAILED', 'CANCELED') OR stripe_transfer_id IS NOT NULL`)
@Check('payouts_fee', `platform_fee_cents >= 0`)
@Check(
  'payouts_urssaf_withholding',
  `(urssaf_withheld_cents IS NULL) = (urssaf_contributions_cents IS NULL) AND (urssaf_withheld_cents IS NULL) = (urssaf_income_tax_cents IS NULL) AND (urssaf_withheld_cents IS NULL) = (urssaf_training_cents IS NULL) AND (urssaf_withheld_cents IS NULL OR urssaf_withheld_cents = urssaf_contributions_cents + urssaf_income_tax_cents + urssaf_training_cents)`,
)
export class Payout {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  paymentId!: string;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  payment?: Payment;

  @Column({ type: 'uuid' })
  missionId!: string;

  @Column({ type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  provider?: User;

  /** What the provider receives: what is left of the payment after refunds, less the fee on it (and, withheld, the URSSAF's part). */
  @Column({ type: 'integer' })
  amountCents!: number;

  /** The platform's fee on what the provider receives (the payment's fee, in proportion to what is left of it). */
  @Column({ type: 'integer' })
  platformFeeCents!: number;

  /** URSSAF_WITHHOLDING: the contributions, income tax (versement libératoire) and CFP withheld, fixed at the first transfer attempt; null when nothing is. */
  @Column({ type: 'integer', nullable: true })
  urssafContributionsCents!: number | null;

  @Column({ type: 'integer', nullable: true })
  urssafIncomeTaxCents!: number | null;

  @Column({ type: 'integer', nullable: true })
  urssafTrainingCents!: number | null;

  /** Their sum, owed to the URSSAF: not transferred to the provider. */
  @Column({ type: 'integer', nullable: true })
  urssafWithheldCents!: number | null;

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  @Column({ type: 'enum', enum: PayoutStatus, enumName: 'payout_status', default: PayoutStatus.PENDING })
  status!: PayoutStatus;

  @Column({ type: 'text', nullable: true })
  stripeTransferId!: string | null;

  /** The connected account the transfer went to. */
  @Column({ type: 'text', nullable: true })
  destinationAccountId!: string | null;

  /** Why the last transfer attempt failed, if it did. */
  @Column({ type: 'text', nullable: true })
  failureReason!: string | null;

  /** Calls to Stripe to make the transfer, over every round of retries. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastAttemptAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  transferredAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidOutAt!: Date | null;

  /** The Stripe payout (`po_…`, on the provider's account) last reported to carry this money to their bank. */
  @Column({ type: 'text', nullable: true })
  bankPayoutId!: string | null;

  /** Stripe's failure code and message when the bank returned that payout. */
  @Column({ type: 'text', nullable: true })
  bankFailureReason!: string | null;
}
