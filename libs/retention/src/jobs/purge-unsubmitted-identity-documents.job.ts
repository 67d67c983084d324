import { IdentityDocumentsService } from '@marketplace/identity';
import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS } from '../purge-jobs';
import { RetentionCutoffs } from '../retention-cutoffs';
import { RETENTION_RULES } from '../retention-rules';

/** Daily: identity documents nobody submitted are not kept past the retention period either, nor the files of uploads cut short. */
@Injectable()
@JobHandlerFor(PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS)
export class PurgeUnsubmittedIdentityDocumentsJob implements JobHandler {
  private readonly logger = new Logger(PurgeUnsubmittedIdentityDocumentsJob.name);

  constructor(
    private readonly documents: IdentityDocumentsService,
    private readonly cutoffs: RetentionCutoffs,
  ) {}

  async handle(): Promise<void> {
    const purged = await this.documents.purgeUnsubmitted(this.cutoffs.of(RETENTION_RULES.UNSUBMITTED_IDENTITY_DOCUMENTS));
    this.logger.log({ msg: 'Purged unsubmitted identity documents', ...purged });
  }
}
