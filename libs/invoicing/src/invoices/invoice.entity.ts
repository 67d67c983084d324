import { User } from '@marketplace/accounts';
import { Mission } from '@marketplace/missions';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { InvoiceFacts } from '../documents/invoice-facts';

export enum InvoiceKind {
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
  FEE_INVOICE = 'FEE_INVOICE',
}

/**
 * An invoice, numbered and frozen in the transaction that caused it: `facts` holds everything its
 * documents print. The rows are never updated but to record the documents once, never deleted
 * (a trigger refuses both), and kept ten years.
 */
@Entity('invoices')
@Index('invoices_series_number_key', ['seriesKey', 'number'], { unique: true })
@Index('invoices_provider_issued', ['providerId', 'issuedAt', 'id'])
@Index('invoices_client_issued', ['clientId', 'issuedAt', 'id'])
@Index('invoices_mission', ['missionId'])
@Check('invoices_number_format', `number ~ '^[A-Za-z0-9+_/-]{1,35}$'`)
@Check('invoices_total', `total_cents >= 0`)
export class Invoice {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'enum', enum: InvoiceKind, enumName: 'invoice_kind' })
  kind!: InvoiceKind;

  /** The numbering series the number was taken from (InvoiceNumbering). */
  @Column({ type: 'text' })
  seriesKey!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'uuid' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mission_id', foreignKeyConstraintName: 'invoices_mission_fkey' })
  mission?: Mission;

  @Column({ type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'invoices_provider_fkey' })
  provider?: User;

  @Column({ type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'invoices_client_fkey' })
  client?: User;

  @Column({ type: 'timestamptz', precision: 3 })
  issuedAt!: Date;

  @Column({ type: 'integer' })
  totalCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'jsonb' })
  facts!: InvoiceFacts;

  /** Where the documents are (DocumentStorage keys) and their SHA-256, set once by the rendering job. */
  @Column({ type: 'text', nullable: true })
  pdfKey!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  pdfSha256!: string | null;

  @Column({ type: 'text', nullable: true })
  xmlKey!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  xmlSha256!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  renderedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
