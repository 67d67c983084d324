import { User } from '@marketplace/accounts';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Who an invoice names: a client's billing identity (a consumer, or a business with its SIREN),
 * and a provider's business address. Invoices copy it when they are issued; changing it later
 * changes no invoice.
 */
@Entity('billing_profiles')
@Check('billing_profiles_siren', `siren IS NULL OR siren ~ '^[0-9]{9}$'`)
@Check('billing_profiles_business', `(company_name IS NULL) = (siren IS NULL)`)
export class BillingProfile {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'billing_profiles_user_fkey' })
  user?: User;

  /** The person's name as it must appear on an invoice (for a provider, before "EI"). */
  @Column({ type: 'text' })
  fullName!: string;

  @Column({ type: 'text' })
  addressLine!: string;

  @Column({ type: 'text' })
  postcode!: string;

  @Column({ type: 'text' })
  city!: string;

  /** Set with `siren` when the user buys for a business. */
  @Column({ type: 'text', nullable: true })
  companyName!: string | null;

  @Column({ type: 'char', length: 9, nullable: true })
  siren!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
