import { User } from '@marketplace/accounts';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';

/** What a photo was attached to: each use (a mission, a message) keeps which photos it has. */
export enum PhotoUse {
  MISSION = 'MISSION',
  MESSAGE = 'MESSAGE',
}

/**
 * An uploaded photo, re-encoded as a JPEG without metadata, with its thumbnail; both files are in
 * the file storage under `photos/`. Unattached (no use) from its upload until a mission or a
 * message claims it; unattached photos are purged after PHOTO_UNATTACHED_RETENTION_HOURS.
 */
@Entity('photos')
@Index('photos_owner_id_unattached_idx', ['ownerId'], { where: 'use IS NULL' })
@Index('photos_unattached_since_idx', ['unattachedSince'], { where: 'unattached_since IS NOT NULL' })
@Check('photos_unattached_since_unattached', `(use IS NULL) = (unattached_since IS NOT NULL)`)
@Check('photos_dimensions', `width BETWEEN 1 AND 2560 AND height BETWEEN 1 AND 2560`)
export class Photo {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  owner?: User;

  @Column({ type: 'enum', enum: PhotoUse, enumName: 'photo_use', nullable: true })
  use!: PhotoUse | null;

  /** Since its upload, or since it was taken off what it was attached to; null while attached. */
  @Column({ type: 'timestamptz', nullable: true })
  unattachedSince!: Date | null;

  /** Of the stored photo, once rotated and resized. */
  @Column({ type: 'int' })
  width!: number;

  @Column({ type: 'int' })
  height!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
