import { ResolveField, Resolver } from '@nestjs/graphql';
import { Photo } from './photo.entity';
import { PhotoLinks } from './photo-links';
import { PhotoType } from './photo.type';

/** Links are signed when the field is resolved: only a viewer who reached the photo through what it is attached to gets one. */
@Resolver(() => PhotoType)
export class PhotoResolver {
  constructor(private readonly links: PhotoLinks) {}

  @ResolveField(() => String)
  url(photo: Photo): string {
    return this.links.urlOf(photo.id, 'full');
  }

  @ResolveField(() => String)
  thumbnailUrl(photo: Photo): string {
    return this.links.urlOf(photo.id, 'thumbnail');
  }
}
