import { IdentityDocumentsService } from '@marketplace/identity';
import { defineJob, JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { Injectable, Logger } from '@nestjs/common';

export const PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS = defineJob('identity:purge-unsubmitted-documents', {
  cron: '41 3 * * *',
  maxAttempts: 5,
});

/** Daily: identity documents nobody submitted are not kept past the retention period either. */
@Injectable()
@JobHandlerFor(PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS)
export class PurgeUnsubmittedIdentityDocumentsJob implements JobHandler {
  private readonly logger = new Logger(PurgeUnsubmittedIdentityDocumentsJob.name);

  constructor(private readonly documents: IdentityDocumentsService) {}

  async handle(): Promise<void> {
    this.logger.log({ msg: 'Purged unsubmitted identity documents', documents: await this.documents.purgeUnsubmitted() });
  }
}
