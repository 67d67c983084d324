export * from './notification-kind';
export * from './notifications.module';
export * from './email/email-outbox';
export * from './email/outbox-email.entity';
export * from './email/outbox-files';
export * from './preferences/notification-preference.entity';
