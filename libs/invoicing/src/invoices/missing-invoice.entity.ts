import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export enum MissingInvoiceReason {
  NO_BILLING_MANDATE = 'NO_BILLING_MANDATE',
  NO_SIRET = 'NO_SIRET',
  NO_BILLING_ADDRESS = 'NO_BILLING_ADDRESS',
}

/**
 * A mission completed without an invoice from us, and why: the client is owed a payment receipt
 * instead, and the provider is told what they are missing (`notifiedAt` for the notifications to set).
 */
@Entity('missing_invoices')
export class MissingInvoice {
  @PrimaryColumn({ type: 'uuid' })
  missionId!: string;

  @Column({ type: 'uuid' })
  providerId!: string;

  @Column({ type: 'enum', enum: MissingInvoiceReason, enumName: 'missing_invoice_reason' })
  reason!: MissingInvoiceReason;

  @Column({ type: 'timestamptz', nullable: true })
  notifiedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
