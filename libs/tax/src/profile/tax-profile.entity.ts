import { User } from '@marketplace/accounts';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ActivityType } from '../tax-rates';

export enum VatStatus {
  /** Franchise en base: no VAT charged, invoices carry the art. 293 B mention. */
  FRANCHISE = 'FRANCHISE',
  /** Liable to VAT, with a VAT number: invoices charge VAT. */
  LIABLE = 'LIABLE',
}

export enum DeclarationFrequency {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
}

/**
 * What a provider declares of their tax situation, for the thresholds they are watched against and
 * the invoices issued in their name. `franchiseEndedOn` is the platform's record (never the
 * provider's input) of the day their VAT franchise ended.
 */
@Entity('tax_profiles')
@Check('tax_profiles_vat_number', `vat_number IS NULL OR vat_number ~ '^FR[0-9]{11}$'`)
@Check('tax_profiles_liable_vat_number', `vat_status <> 'LIABLE' OR vat_number IS NOT NULL`)
@Check(
  'tax_profiles_off_platform',
  `off_platform_revenue_cents >= 0 AND (off_platform_revenue_year IS NOT NULL OR off_platform_revenue_cents = 0)`,
)
export class TaxProfile {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'tax_profiles_user_fkey' })
  user?: User;

  @Column({ type: 'enum', enum: ActivityType, enumName: 'tax_activity_type' })
  activityType!: ActivityType;

  /** YYYY-MM-DD. */
  @Column({ type: 'date' })
  activityStartedOn!: string;

  @Column({ type: 'enum', enum: VatStatus, enumName: 'tax_vat_status' })
  vatStatus!: VatStatus;

  @Column({ type: 'text', nullable: true })
  vatNumber!: string | null;

  /** The VAT rate the provider charges once liable, in basis points; null for the year's standard rate. */
  @Column({ type: 'integer', nullable: true })
  vatRateBasisPoints!: number | null;

  @Column({ type: 'enum', enum: DeclarationFrequency, enumName: 'tax_declaration_frequency' })
  declarationFrequency!: DeclarationFrequency;

  @Column({ type: 'boolean' })
  versementLiberatoire!: boolean;

  /** Revenue received outside the platform in `offPlatformRevenueYear` so far, as the provider declared it. */
  @Column({ type: 'bigint', default: 0, transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  offPlatformRevenueCents!: number;

  @Column({ type: 'integer', nullable: true })
  offPlatformRevenueYear!: number | null;

  /** YYYY-MM-DD: the day the VAT franchise ended (majoré threshold crossed, or 1 January after a year over the base). */
  @Column({ type: 'date', nullable: true })
  franchiseEndedOn!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
