import { User } from '@marketplace/accounts';
import { Mission } from '@marketplace/missions';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Invoice } from './invoice.entity';

/**
 * A fee the platform owes an invoice for, recorded by the completion that left it: the job
 * ISSUE_FEE_INVOICES issues it (`issuedAt`, `feeInvoiceId`) right after, or once the provider has
 * given a SIRET and a billing address; a fee that money returned meanwhile brought to nothing is
 * closed with no invoice.
 */
@Entity('pending_fee_invoices')
@Index('pending_fee_invoices_provider_waiting', ['providerId'], { where: 'issued_at IS NULL' })
export class PendingFeeInvoice {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pending_fee_invoices_pkey' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mission_id', foreignKeyConstraintName: 'pending_fee_invoices_mission_fkey' })
  mission?: Mission;

  @Column({ type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'pending_fee_invoices_provider_fkey' })
  provider?: User;

  @Column({ type: 'timestamptz', precision: 3 })
  recordedAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  issuedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  feeInvoiceId!: string | null;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fee_invoice_id', foreignKeyConstraintName: 'pending_fee_invoices_fee_invoice_fkey' })
  feeInvoice?: Invoice;
}
