import { Mission } from '@marketplace/missions';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export enum MissingInvoiceReason {
  NO_BILLING_MANDATE = 'NO_BILLING_MANDATE',
  NO_SIRET = 'NO_SIRET',
  NO_BILLING_ADDRESS = 'NO_BILLING_ADDRESS',
  AWAITS_VAT_NUMBER = 'AWAITS_VAT_NUMBER',
}

/**
 * A mission completed without an invoice from us, and why: the client is owed a payment receipt
 * instead, and the provider is told what they are missing (`notifiedAt` for the notifications to set).
 */
@Entity('missing_invoices')
export class MissingInvoice {
  @PrimaryColumn({ type: 'uuid' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mission_id', foreignKeyConstraintName: 'missing_invoices_mission_fkey' })
  mission?: Mission;

  @Column({ type: 'uuid' })
  providerId!: string;

  @Column({ type: 'enum', enum: MissingInvoiceReason, enumName: 'missing_invoice_reason' })
  reason!: MissingInvoiceReason;

  @Column({ type: 'timestamptz', nullable: true })
  notifiedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
