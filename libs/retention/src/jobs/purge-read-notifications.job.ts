import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { NotificationsService } from '@marketplace/notifications';
import { Injectable, Logger } from '@nestjs/common';
import { inBatches } from '../batches';
import { PURGE_READ_NOTIFICATIONS } from '../purge-jobs';
import { RetentionCutoffs } from '../retention-cutoffs';
import { RETENTION_RULES } from '../retention-rules';

/** Daily: notifications read longer ago than the rule's period. */
@Injectable()
@JobHandlerFor(PURGE_READ_NOTIFICATIONS)
export class PurgeReadNotificationsJob implements JobHandler {
  private readonly logger = new Logger(PurgeReadNotificationsJob.name);

  constructor(
    private readonly notifications: NotificationsService,
    private readonly cutoffs: RetentionCutoffs,
  ) {}

  async handle(): Promise<void> {
    const readBefore = this.cutoffs.of(RETENTION_RULES.READ_NOTIFICATIONS);
    const notifications = await inBatches((limit) => this.notifications.purgeReadBefore(readBefore, limit));
    this.logger.log({ msg: 'Purged read notifications', notifications });
  }
}
