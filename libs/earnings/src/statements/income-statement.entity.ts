import { User } from '@marketplace/accounts';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * An attestation of what a provider received through the platform over a period, as issued: its
 * facts in the canonical form the platform signed (text, not jsonb, so the bytes signed are the
 * bytes kept), the signature, and its PDF with the PDF's SHA-256. Never changed once written.
 */
@Entity('income_statements')
@Index('income_statements_verification_code_key', ['verificationCode'], { unique: true })
@Index('income_statements_provider_issued', ['providerId', 'issuedAt'])
@Check('income_statements_period', `period_to >= period_from`)
@Check('income_statements_code_format', `verification_code ~ '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$'`)
export class IncomeStatement {
  /** Chosen before the row is written: the PDF, stored first, is under it. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  providerId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  provider?: User;

  @Column({ type: 'date' })
  periodFrom!: string;

  @Column({ type: 'date' })
  periodTo!: string;

  @Column({ type: 'text' })
  verificationCode!: string;

  /** The facts (IncomeStatementFacts) as canonical JSON: exactly what `signature` signs. */
  @Column({ type: 'text' })
  facts!: string;

  /** Ed25519, base64 (see statement-signature.ts). */
  @Column({ type: 'text' })
  signature!: string;

  @Column({ type: 'text' })
  signingKeyId!: string;

  @Column({ type: 'text' })
  pdfKey!: string;

  @Column({ type: 'char', length: 64 })
  pdfSha256!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  issuedAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
