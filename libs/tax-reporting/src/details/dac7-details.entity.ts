import { User } from '@marketplace/accounts';
import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What DAC7 needs of a provider that no other part of the platform holds (the numéro fiscal, the
 * place of birth), and the due-diligence register of asking for what is missing: when it was first
 * asked, the reminders sent, when payouts were held, when the data became complete.
 */
@Entity('dac7_details')
@Check('dac7_details_tax_id', `tax_identification_number IS NULL OR tax_identification_number ~ '^[0-3][0-9]{12}$'`)
@Check('dac7_details_birth_country', `birth_country_code IS NULL OR birth_country_code ~ '^[A-Z]{2}$'`)
@Check('dac7_details_reminders', `reminders_sent BETWEEN 0 AND 2`)
@Check('dac7_details_held_after_asking', `payouts_held_at IS NULL OR requested_at IS NOT NULL`)
export class Dac7Details {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'dac7_details_user_fkey' })
  user?: User;

  /** The French numéro fiscal: 13 digits, the first 0 to 3. */
  @Column({ type: 'text', nullable: true })
  taxIdentificationNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  birthCity!: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2, nullable: true })
  birthCountryCode!: string | null;

  /** Day 0 of the due diligence: the missing data was first asked for (the provider had a payout). */
  @Column({ type: 'timestamptz', nullable: true })
  requestedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  remindersSent!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastRemindedAt!: Date | null;

  /** Set while the provider's payouts are held for missing data. */
  @Column({ type: 'timestamptz', nullable: true })
  payoutsHeldAt!: Date | null;

  /** The data became complete: the due diligence is over. */
  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
