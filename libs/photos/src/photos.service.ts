import { Clock, isUuid, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { asEntity, columnsAsProperties, findWhereIn, Transactions } from '@marketplace/database';
import { AcceptedFileTypes, FileStorage, InspectedFile } from '@marketplace/storage';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { Photo, PhotoUse } from './photo.entity';
import { photoImageOf } from './photo-image';
import { PhotoVariant } from './photo-links';
import {
  PhotoAlreadyAttachedError,
  PhotoNotFoundError,
  RepeatedPhotoError,
  TooManyPhotosError,
  TooManyUnattachedPhotosError,
} from './photos.errors';

const PHOTO_TYPES: AcceptedFileTypes = { mimeTypes: ['image/jpeg', 'image/png'], described: 'a JPEG or PNG image' };

/** What a use asks of `attach`. */
export interface PhotoClaim {
  ownerId: string;
  photoIds: string[];
  use: PhotoUse;
  /** How many more photos the thing they are attached to may take. */
  max: number;
}

function storageKeyOf(photoId: string, variant: PhotoVariant): string {
  return variant === 'full' ? `photos/${photoId}.jpg` : `photos/${photoId}-thumbnail.jpg`;
}

/**
 * Photos: uploaded by a signed-in user, then claimed once by a mission or a message (`attach`).
 * Who may see one is the business of what it is attached to: this domain serves a photo to
 * whoever holds a signed link (PhotoLinks), and links are handed out with the thing they show.
 */
@Injectable()
export class PhotosService {
  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly storage: FileStorage,
    private readonly transactions: Transactions,
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The owner's room is checked before `openFile` reads the body, and again under their lock when
   * the row is written (uploads in flight at once cannot all pass). The file is held whole only
   * once received (at most MAX_PHOTO_BYTES): sharp needs all of it to decode. Nothing is stored
   * for a refused file.
   */
  async upload(owner: Viewer, openFile: () => Promise<AsyncIterable<Buffer>>): Promise<Photo> {
    await this.transactions.run((manager) => this.assertRoomFor(manager, owner.id));
    const received: Buffer[] = [];
    for await (const chunk of new InspectedFile(await openFile(), PHOTO_TYPES)) received.push(chunk);
    const image = await photoImageOf(Buffer.concat(received));
    const id = randomUUID();
    try {
      // The files first: a crash in between leaves orphan files, never a row without its files.
      await this.storage.put(storageKeyOf(id, 'full'), Readable.from([image.full]));
      await this.storage.put(storageKeyOf(id, 'thumbnail'), Readable.from([image.thumbnail]));
      return await this.transactions.run(async (manager) => {
        await this.assertRoomFor(manager, owner.id);
        const photo = manager.create(Photo, {
          id,
          ownerId: owner.id,
          use: null,
          unattachedSince: this.clock.now(),
          width: image.width,
          height: image.height,
        });
        return manager.save(photo);
      });
    } catch (error) {
      await this.deleteFiles(id);
      throw error;
    }
  }

  /**
   * Claims photos `ownerId` uploaded and has not attached yet, for one use, in the caller's
   * transaction; answers them in the order asked. NOT_FOUND for anyone else's or missing ids,
   * CONFLICT if already attached, BAD_USER_INPUT above `max` (ids in lower case). The update is conditional (still
   * unattached), so of two claims of one photo at once, one wins.
   */
  async attach(manager: EntityManager, { ownerId, photoIds, use, max }: PhotoClaim): Promise<Photo[]> {
    if (photoIds.length > max) throw new TooManyPhotosError(max);
    // An id that is not a UUID names no photo (and would not reach the database as one).
    if (!photoIds.every(isUuid)) throw new PhotoNotFoundError();
    if (new Set(photoIds).size !== photoIds.length) throw new RepeatedPhotoError();
    if (photoIds.length === 0) return [];
    const metadata = manager.connection.getMetadata(Photo);
    const [rows, affected] = (await manager.query(
      `UPDATE photos SET use = $3, unattached_since = NULL
        WHERE id = ANY($1::uuid[]) AND owner_id = $2 AND use IS NULL
       RETURNING ${columnsAsProperties(metadata)}`,
      [photoIds, ownerId, use],
    )) as [Record<string, unknown>[], number];
    if (affected < photoIds.length) {
      const owned = await manager.countBy(Photo, { id: In(photoIds), ownerId });
      throw owned < photoIds.length ? new PhotoNotFoundError() : new PhotoAlreadyAttachedError();
    }
    const claimed = new Map(rows.map((row) => asEntity<Photo>(metadata, row)).map((photo) => [photo.id, photo]));
    return photoIds.map((id) => claimed.get(id)!);
  }

  /** Taken off what they were attached to, in the caller's transaction: unattached again, and purged in time unless claimed anew. */
  async release(manager: EntityManager, photoIds: string[]): Promise<void> {
    if (photoIds.length === 0) return;
    await manager.update(Photo, { id: In(photoIds) }, { use: null, unattachedSince: this.clock.now() });
  }

  findByIds(ids: readonly string[]): Promise<Photo[]> {
    return findWhereIn(this.photos, 'id', ids);
  }

  /** The stored file, for a link already checked; null when the photo is gone. */
  file(photoId: string, variant: PhotoVariant): Promise<Buffer | null> {
    return this.storage.get(storageKeyOf(photoId, variant));
  }

  /**
   * Photos unattached since before `unattachedBefore` (the retention rule's cutoff) go. The rows
   * first, in one conditional statement, so a photo claimed meanwhile keeps its files; a failure
   * after it leaves orphan files, never a row without them.
   */
  purgeUnattached(unattachedBefore: Date): Promise<number> {
    return this.deleteUnattachedWhere('unattached_since < :unattachedBefore', { unattachedBefore });
  }

  /**
   * Deletes these photos, rows then files, if they are still unattached: what they were attached
   * to is gone (released in its deletion's transaction, so that a crash before this leaves them to
   * `purgeUnattached`). Safe to repeat.
   */
  deleteUnattached(photoIds: string[]): Promise<number> {
    if (photoIds.length === 0) return Promise.resolve(0);
    return this.deleteUnattachedWhere('id IN (:...photoIds) AND use IS NULL', { photoIds });
  }

  private async deleteUnattachedWhere(condition: string, parameters: Record<string, unknown>): Promise<number> {
    const { raw } = await this.photos.createQueryBuilder().delete().where(condition, parameters).returning('id').execute();
    const deleted = (raw as { id: string }[]).map(({ id }) => id);
    for (const id of deleted) await this.deleteFiles(id);
    return deleted.length;
  }

  private async assertRoomFor(manager: EntityManager, ownerId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`photo-uploads:${ownerId}`]);
    const max = this.config.photos.maxUnattached;
    if ((await manager.countBy(Photo, { ownerId, use: IsNull() })) >= max) throw new TooManyUnattachedPhotosError(max);
  }

  /** Both files of a photo whose row is gone (purged, or erased with its owner's account); a missing file is no error. */
  async deleteFiles(photoId: string): Promise<void> {
    await this.storage.delete(storageKeyOf(photoId, 'full'));
    await this.storage.delete(storageKeyOf(photoId, 'thumbnail'));
  }
}
