import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Stripe events already processed, by id: a redelivered event is acknowledged and changes nothing. */
@Entity('stripe_events')
export class StripeEvent {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  type!: string;

  /** When Stripe created the event. */
  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  processedAt!: Date;
}
