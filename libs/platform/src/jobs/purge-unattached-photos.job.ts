import { defineJob, JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { PhotosService } from '@marketplace/photos';
import { Injectable, Logger } from '@nestjs/common';

export const PURGE_UNATTACHED_PHOTOS = defineJob('photos:purge-unattached', { cron: '17 * * * *', maxAttempts: 5 });

/** Hourly: photos uploaded (or taken off a mission) and left unattached past PHOTO_UNATTACHED_RETENTION_HOURS go, files and rows. */
@Injectable()
@JobHandlerFor(PURGE_UNATTACHED_PHOTOS)
export class PurgeUnattachedPhotosJob implements JobHandler {
  private readonly logger = new Logger(PurgeUnattachedPhotosJob.name);

  constructor(private readonly photos: PhotosService) {}

  async handle(): Promise<void> {
    this.logger.log({ msg: 'Purged unattached photos', photos: await this.photos.purgeUnattached() });
  }
}
