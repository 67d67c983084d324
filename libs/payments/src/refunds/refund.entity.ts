import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Payment } from '../payment.entity';

export enum RefundCause {
  /** The mission was called off (cancelled, settled for the client, lapsed after payment): all that was left. */
  CALLED_OFF = 'CALLED_OFF',
  /** A moderator settled a dispute with a split: the part given back to the client. */
  SPLIT_SETTLEMENT = 'SPLIT_SETTLEMENT',
  /** Made outside the API (Stripe's dashboard, Stripe's support): learned from Stripe's charge.refunded. */
  MADE_AT_STRIPE = 'MADE_AT_STRIPE',
}

/** Money given back to the client for a payment, as Stripe made it: one row per Stripe refund. */
@Entity('refunds')
@Index('refunds_stripe_refund_key', ['stripeRefundId'], { unique: true })
@Index('refunds_payment_idx', ['paymentId'])
@Check('refunds_amount', `amount_cents > 0`)
export class Refund {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  paymentId!: string;

  @ManyToOne(() => Payment, { onDelete: 'RESTRICT' })
  payment?: Payment;

  @Column({ type: 'uuid' })
  missionId!: string;

  @Column({ type: 'text' })
  stripeRefundId!: string;

  @Column({ type: 'integer' })
  amountCents!: number;

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  @Column({ type: 'enum', enum: RefundCause, enumName: 'refund_cause' })
  cause!: RefundCause;

  /** Made after the provider's transfer: the platform's loss, not money held for the client. */
  @Column({ type: 'boolean' })
  afterPayout!: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
