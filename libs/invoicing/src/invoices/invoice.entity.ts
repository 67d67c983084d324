import { User } from '@marketplace/accounts';
import { Mission } from '@marketplace/missions';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { InvoiceFacts } from '../documents/invoice-facts';

export enum InvoiceKind {
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
  FEE_INVOICE = 'FEE_INVOICE',
  FEE_CREDIT_NOTE = 'FEE_CREDIT_NOTE',
}

/**
 * Where an invoice stands with its provider (docs/invoicing.md, "Contest and corrections"): ISSUED
 * while its contest window is open, then ACCEPTED (tacitly, when it closes) or CONTESTED, and a
 * contested invoice CANCELLED once its credit note and replacement are issued. Credit notes and fee
 * invoices (and their credit notes) have no window: they stay ISSUED.
 */
export enum InvoiceStatus {
  ISSUED = 'ISSUED',
  CONTESTED = 'CONTESTED',
  ACCEPTED = 'ACCEPTED',
  CANCELLED = 'CANCELLED',
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
@Index('invoices_corrects', ['correctsInvoiceId'])
@Index('invoices_refund_reference_key', ['refundReference'], { unique: true, where: 'refund_reference IS NOT NULL' })
@Check('invoices_contest_window', `(kind = 'INVOICE') = (contest_deadline IS NOT NULL)`)
@Check('invoices_credit_note_corrects', `kind::text NOT IN ('CREDIT_NOTE', 'FEE_CREDIT_NOTE') OR corrects_invoice_id IS NOT NULL`)
@Check('invoices_contest_reason', `contest_reason IS NULL OR char_length(contest_reason) BETWEEN 1 AND 1000`)
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

  /** The only column that moves, along InvoiceContests' steps (the trigger allows exactly those). */
  @Column({ type: 'enum', enum: InvoiceStatus, enumName: 'invoice_status', default: InvoiceStatus.ISSUED })
  status!: InvoiceStatus;

  /** An invoice's contest window closes then (its mandate's window from the issue, fixed at issue); null for other kinds. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  contestDeadline!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  contestedAt!: Date | null;

  /** What the provider said was wrong. */
  @Column({ type: 'text', nullable: true })
  contestReason!: string | null;

  /** When it was accepted tacitly, its window closed without a contest. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  acceptedAt!: Date | null;

  /** When its credit note and its replacement were issued. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt!: Date | null;

  /** A credit note's original invoice (BT-25), or the invoice a replacement replaces. */
  @Column({ type: 'uuid', nullable: true })
  correctsInvoiceId!: string | null;

  @ManyToOne(() => Invoice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_invoice_id', foreignKeyConstraintName: 'invoices_corrects_fkey' })
  correctsInvoice?: Invoice;

  /** A refund credit note's cause, `refund:<refund id>` or `chargeback:<chargeback id>`: one credit note per refund. */
  @Column({ type: 'text', nullable: true })
  refundReference!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
