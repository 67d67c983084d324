import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { PhotosService } from '@marketplace/photos';
import { Injectable, Logger } from '@nestjs/common';
import { PURGE_UNATTACHED_PHOTOS } from '../purge-jobs';
import { RetentionCutoffs } from '../retention-cutoffs';
import { RETENTION_RULES } from '../retention-rules';

/** Hourly: photos uploaded (or taken off a mission) and left unattached past PHOTO_UNATTACHED_RETENTION_HOURS go, files and rows. */
@Injectable()
@JobHandlerFor(PURGE_UNATTACHED_PHOTOS)
export class PurgeUnattachedPhotosJob implements JobHandler {
  private readonly logger = new Logger(PurgeUnattachedPhotosJob.name);

  constructor(
    private readonly photos: PhotosService,
    private readonly cutoffs: RetentionCutoffs,
  ) {}

  async handle(): Promise<void> {
    const photos = await this.photos.purgeUnattached(this.cutoffs.of(RETENTION_RULES.UNATTACHED_PHOTOS));
    this.logger.log({ msg: 'Purged unattached photos', photos });
  }
}
