/**
 * The scheduled purges the retention rules drive (RETENTION_RULES names each rule's). The four
 * older ones keep the names they had before they moved here, so operators' dashboards still find them.
 */
import { defineJob } from '@marketplace/jobs';

export const PURGE_EXPIRED_AUTH_RECORDS = defineJob('accounts:purge-expired-auth-records', { cron: '17 * * * *', maxAttempts: 5 });
export const PURGE_FRANCECONNECT_RECORDS = defineJob('franceconnect:purge-records', { cron: '47 * * * *', maxAttempts: 5 });
export const PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS = defineJob('identity:purge-unsubmitted-documents', {
  cron: '41 3 * * *',
  maxAttempts: 5,
});
export const PURGE_UNATTACHED_PHOTOS = defineJob('photos:purge-unattached', { cron: '17 * * * *', maxAttempts: 5 });
export const PURGE_CONVERSATIONS_OF_ENDED_MISSIONS = defineJob('retention:purge-conversations-of-ended-missions', {
  cron: '53 2 * * *',
  maxAttempts: 5,
});
export const PURGE_READ_NOTIFICATIONS = defineJob('retention:purge-read-notifications', { cron: '7 3 * * *', maxAttempts: 5 });
export const PURGE_OUTBOX_EMAILS = defineJob('retention:purge-outbox-emails', { cron: '27 3 * * *', maxAttempts: 5 });
export const PURGE_DATA_EXPORT_ARCHIVES = defineJob('retention:purge-data-export-archives', { cron: '41 * * * *', maxAttempts: 5 });
