import { User } from '@marketplace/accounts';
import { MissionCategory } from '@marketplace/missions';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What a provider offers, where, and (later) where their payouts go. One per provider. */
@Entity('provider_profiles')
@Index('provider_profiles_stripe_account_key', ['stripeAccountId'], { unique: true, where: 'stripe_account_id IS NOT NULL' })
@Check('provider_profiles_headline_length', `char_length(headline) BETWEEN 5 AND 80`)
@Check('provider_profiles_bio_length', `bio IS NULL OR char_length(bio) <= 2000`)
@Check('provider_profiles_categories', `cardinality(categories) BETWEEN 1 AND 5`)
@Check('provider_profiles_coordinates', `latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180`)
@Check('provider_profiles_radius', `radius_km BETWEEN 1 AND 100`)
@Check('provider_profiles_hourly_rate', `hourly_rate_cents IS NULL OR hourly_rate_cents > 0`)
@Check('provider_profiles_siret', `siret IS NULL OR siret ~ '^[0-9]{14}$'`)
export class ProviderProfile {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'text' })
  headline!: string;

  @Column({ type: 'text', nullable: true })
  bio!: string | null;

  @Column({ type: 'enum', enum: MissionCategory, enumName: 'mission_category', array: true })
  categories!: MissionCategory[];

  @Column({ type: 'text' })
  city!: string;

  @Column({ type: 'text' })
  postcode!: string;

  @Column({ type: 'double precision' })
  latitude!: number;

  @Column({ type: 'double precision' })
  longitude!: number;

  @Column({ type: 'integer' })
  radiusKm!: number;

  @Column({ type: 'integer', nullable: true })
  hourlyRateCents!: number | null;

  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency!: string;

  @Column({ type: 'text', nullable: true })
  siret!: string | null;

  /** The provider's Stripe Connect Express account, created once by startPayoutOnboarding. */
  @Column({ type: 'text', nullable: true })
  stripeAccountId!: string | null;

  /** Whether that account can receive transfers, as the latest account.updated event said. */
  @Column({ type: 'boolean', default: false })
  payoutsEnabled!: boolean;

  /** When Stripe created the event payoutsEnabled comes from: older events arriving late change nothing. */
  @Column({ type: 'timestamptz', nullable: true })
  payoutStatusAsOf!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
