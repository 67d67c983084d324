import { AccountsModule } from '@marketplace/accounts';
import { ConversationsModule } from '@marketplace/conversations';
import { FranceConnectRecordsModule } from '@marketplace/franceconnect';
import { IdentityModule } from '@marketplace/identity';
import { NotificationsModule } from '@marketplace/notifications';
import { PersonalDataModule } from '@marketplace/personal-data';
import { PhotosModule } from '@marketplace/photos';
import { Module } from '@nestjs/common';
import { PurgeConversationsOfEndedMissionsJob } from './jobs/purge-conversations-of-ended-missions.job';
import { PurgeDataExportArchivesJob } from './jobs/purge-data-export-archives.job';
import { PurgeExpiredAuthRecordsJob } from './jobs/purge-expired-auth-records.job';
import { PurgeFranceConnectRecordsJob } from './jobs/purge-franceconnect-records.job';
import { PurgeOutboxEmailsJob } from './jobs/purge-outbox-emails.job';
import { PurgeReadNotificationsJob } from './jobs/purge-read-notifications.job';
import { PurgeUnattachedPhotosJob } from './jobs/purge-unattached-photos.job';
import { PurgeUnsubmittedIdentityDocumentsJob } from './jobs/purge-unsubmitted-identity-documents.job';
import { RetentionCutoffs } from './retention-cutoffs';

/**
 * The scheduled purges of RETENTION_RULES, for processes that run jobs (libs/platform's
 * WorkerModule). Each deletes through the service of the domain that owns the data.
 */
@Module({
  imports: [
    AccountsModule,
    ConversationsModule,
    FranceConnectRecordsModule,
    IdentityModule,
    NotificationsModule,
    PersonalDataModule,
    PhotosModule,
  ],
  providers: [
    RetentionCutoffs,
    PurgeExpiredAuthRecordsJob,
    PurgeFranceConnectRecordsJob,
    PurgeUnsubmittedIdentityDocumentsJob,
    PurgeUnattachedPhotosJob,
    PurgeConversationsOfEndedMissionsJob,
    PurgeReadNotificationsJob,
    PurgeOutboxEmailsJob,
    PurgeDataExportArchivesJob,
  ],
})
export class RetentionModule {}
