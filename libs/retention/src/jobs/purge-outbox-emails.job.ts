import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { EmailOutbox } from '@marketplace/notifications';
import { Injectable, Logger } from '@nestjs/common';
import { inBatches } from '../batches';
import { PURGE_OUTBOX_EMAILS } from '../purge-jobs';
import { RetentionCutoffs } from '../retention-cutoffs';
import { RETENTION_RULES } from '../retention-rules';

/** Daily: what the outbox keeps of emails sent (or never sendable) longer ago than the rule's period. */
@Injectable()
@JobHandlerFor(PURGE_OUTBOX_EMAILS)
export class PurgeOutboxEmailsJob implements JobHandler {
  private readonly logger = new Logger(PurgeOutboxEmailsJob.name);

  constructor(
    private readonly outbox: EmailOutbox,
    private readonly cutoffs: RetentionCutoffs,
  ) {}

  async handle(): Promise<void> {
    const before = this.cutoffs.of(RETENTION_RULES.OUTBOX_EMAILS);
    const emails = await inBatches((limit) => this.outbox.purgeOlderThan(before, limit));
    this.logger.log({ msg: 'Purged outbox emails', emails });
  }
}
