import { User } from '@marketplace/accounts';
import { Check, Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';

export enum DataExportStatus {
  /** Queued: the job is building the archive. */
  PENDING = 'PENDING',
  /** Built and stored: downloadable until `expiresAt`. */
  READY = 'READY',
  /** The job gave up after its last attempt; the user may ask again. */
  FAILED = 'FAILED',
  /** Past `expiresAt`: the archive was deleted, the row stays as a record of the request. */
  EXPIRED = 'EXPIRED',
}

/**
 * A user's request for a copy of their data (GDPR arts. 15 and 20) and the one archive built for it.
 * The archive is kept in the file storage under `data-exports/` until `expiresAt`.
 */
@Entity('data_exports')
@Index('data_exports_user_requested_idx', ['userId', 'requestedAt'])
@Index('data_exports_one_pending_per_user', ['userId'], { unique: true, where: `status = 'PENDING'` })
@Index('data_exports_ready_expiry_idx', ['expiresAt'], { where: `status = 'READY'` })
@Check(
  'data_exports_ready_archive',
  `status <> 'READY' OR (storage_key IS NOT NULL AND size_bytes IS NOT NULL AND sha256 IS NOT NULL AND ready_at IS NOT NULL AND expires_at IS NOT NULL)`,
)
export class DataExport {
  /** Chosen before the row is written: the archive is stored under it. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'enum', enum: DataExportStatus, enumName: 'data_export_status', default: DataExportStatus.PENDING })
  status!: DataExportStatus;

  @Column({ type: 'timestamptz', precision: 3 })
  requestedAt!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readyAt!: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  storageKey!: string | null;

  @Column({ type: 'integer', nullable: true })
  sizeBytes!: number | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256!: string | null;
}
