import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { PUBLISH_RATINGS, RatingsService } from '@marketplace/ratings';
import { Injectable, Logger } from '@nestjs/common';

/** Queued with a mission's first rating for the end of its rating window: publishes what was rated. */
@Injectable()
@JobHandlerFor(PUBLISH_RATINGS)
export class PublishRatingsJob implements JobHandler<PayloadOf<typeof PUBLISH_RATINGS>> {
  private readonly logger = new Logger(PublishRatingsJob.name);

  constructor(private readonly ratings: RatingsService) {}

  async handle({ missionId }: PayloadOf<typeof PUBLISH_RATINGS>): Promise<void> {
    const published = await this.ratings.publishAtWindowClose(missionId);
    if (published > 0) this.logger.log({ msg: 'Published ratings at the close of their window', missionId, published });
  }
}
