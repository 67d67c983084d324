import { User } from '@marketplace/accounts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A provider's acceptance of one version of the billing mandate: when, from where. At most one is
 * in force per provider (not revoked); a revocation ends it, a new acceptance starts another.
 */
@Entity('billing_mandates')
@Index('billing_mandates_in_force_key', ['providerId'], { unique: true, where: 'revoked_at IS NULL' })
@Check('billing_mandates_revoked_after_accepted', `revoked_at IS NULL OR revoked_at >= accepted_at`)
@Check('billing_mandates_contest_days', `contest_days BETWEEN 1 AND 30`)
export class BillingMandate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'billing_mandates_provider_fkey' })
  provider?: User;

  /** The version of the text accepted (BILLING_MANDATE_VERSIONS). */
  @Column({ type: 'text' })
  version!: string;

  /** The contest window written in the version accepted: every invoice issued under this mandate is contestable that long. */
  @Column({ type: 'integer' })
  contestDays!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  acceptedAt!: Date;

  /** The address the acceptance came from, as the proxy chain gave it. */
  @Column({ type: 'text' })
  acceptedFromIp!: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
