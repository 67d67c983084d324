import { RateLimit } from '@marketplace/accounts';
import { AllowAnonymous, CurrentViewer, isUuid, Viewer } from '@marketplace/common';
import { UploadForm } from '@marketplace/storage';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MAX_PHOTO_BYTES } from './photo-image';
import { PhotoLinks, PhotoVariant } from './photo-links';
import { PhotoNotFoundError } from './photos.errors';
import { PhotosService } from './photos.service';

@Controller('photos')
export class PhotosController {
  constructor(
    private readonly photos: PhotosService,
    private readonly links: PhotoLinks,
  ) {}

  /** multipart/form-data with one field `file`; answers `{ id, url, thumbnailUrl, width, height }`. */
  @RateLimit('photoUpload')
  @Post()
  @HttpCode(201)
  async upload(@CurrentViewer() viewer: Viewer, @Req() req: Request) {
    const form = new UploadForm(req, MAX_PHOTO_BYTES);
    try {
      const photo = await this.photos.upload(viewer, () => form.file());
      return {
        id: photo.id,
        url: this.links.urlOf(photo.id, 'full'),
        thumbnailUrl: this.links.urlOf(photo.id, 'thumbnail'),
        width: photo.width,
        height: photo.height,
      };
    } finally {
      form.discardRest();
    }
  }

  @AllowAnonymous()
  @Get(':id')
  full(@Param('id') id: string, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    return this.serve({ id, variant: 'full', query }, res);
  }

  @AllowAnonymous()
  @Get(':id/thumbnail')
  thumbnail(@Param('id') id: string, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    return this.serve({ id, variant: 'thumbnail', query }, res);
  }

  /**
   * A link that is not valid (tampered, expired, not signed here) is answered like a photo that
   * does not exist, before anything is looked up. The content never changes: it may be cached
   * for as long as the link lasts.
   */
  private async serve({ id, variant, query }: { id: string; variant: PhotoVariant; query: Record<string, unknown> }, res: Response) {
    const expires = typeof query.expires === 'string' && /^\d{1,12}$/.test(query.expires) ? Number(query.expires) : NaN;
    const signature = typeof query.signature === 'string' ? query.signature : '';
    const secondsLeft = isUuid(id) ? this.links.secondsLeft({ photoId: id, variant, expires, signature }) : null;
    const content = secondsLeft ? await this.photos.file(id, variant) : null;
    if (!content) throw new PhotoNotFoundError();
    res
      .status(200)
      .set({
        'Content-Type': 'image/jpeg',
        'Content-Length': String(content.length),
        'Cache-Control': `public, max-age=${secondsLeft}, immutable`,
      })
      .end(content);
  }
}
