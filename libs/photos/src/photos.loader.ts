import { RequestLoaders } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { Photo } from './photo.entity';
import { PhotosService } from './photos.service';

/**
 * Photos by id, batched per request: a page of missions (or messages) loads all their photos in
 * one statement. The caller has checked that the viewer may see what the photos are attached to.
 */
@Injectable()
export class PhotosLoader {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly photos: PhotosService,
  ) {}

  /** In the order asked; a photo that is gone (purged with its owner's account) is left out. */
  async loadMany(request: object, ids: readonly string[]): Promise<Photo[]> {
    const loaded = await this.loaders
      .get<string, Photo | null>(request, 'photosById', async (batch) => {
        const photos = new Map((await this.photos.findByIds(batch)).map((photo) => [photo.id, photo]));
        return batch.map((id) => photos.get(id) ?? null);
      })
      .loadMany(ids);
    return loaded.filter((photo): photo is Photo => photo instanceof Photo);
  }
}
