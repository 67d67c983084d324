import { IdentityVerificationsService, PURGE_IDENTITY_DOCUMENTS } from '@marketplace/identity';
import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { Injectable, Logger } from '@nestjs/common';

/** Scheduled at each decision for IDENTITY_DOCUMENT_RETENTION_DAYS later: the documents go, the decision stays. */
@Injectable()
@JobHandlerFor(PURGE_IDENTITY_DOCUMENTS)
export class PurgeIdentityDocumentsJob implements JobHandler<PayloadOf<typeof PURGE_IDENTITY_DOCUMENTS>> {
  private readonly logger = new Logger(PurgeIdentityDocumentsJob.name);

  constructor(private readonly verifications: IdentityVerificationsService) {}

  async handle({ verificationId }: PayloadOf<typeof PURGE_IDENTITY_DOCUMENTS>): Promise<void> {
    const purged = await this.verifications.purgeDocuments(verificationId);
    this.logger.log({ msg: 'Purged identity documents', verificationId, documents: purged });
  }
}
