import { AccountsModule } from '@marketplace/accounts';
import { IdentityModule } from '@marketplace/identity';
import { Module } from '@nestjs/common';
import { PurgeExpiredAuthRecordsJob } from './purge-expired-auth-records.job';
import { PurgeIdentityDocumentsJob } from './purge-identity-documents.job';
import { PurgeUnsubmittedIdentityDocumentsJob } from './purge-unsubmitted-identity-documents.job';

/** The job handlers, one file each. Imported by the worker process, and by the API when it runs the worker in-process. */
@Module({
  imports: [AccountsModule, IdentityModule],
  providers: [PurgeExpiredAuthRecordsJob, PurgeIdentityDocumentsJob, PurgeUnsubmittedIdentityDocumentsJob],
})
export class WorkerModule {}
