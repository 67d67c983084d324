import { AccountEvents, AccountsModule } from '@marketplace/accounts';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountEmails } from './email/account-emails';
import { EmailOutbox } from './email/email-outbox';
import { EmailTransport } from './email/email-transport';
import { OutboxEmail } from './email/outbox-email.entity';
import { NotificationPreference } from './preferences/notification-preference.entity';
import { NotificationPreferencesResolver } from './preferences/notification-preferences.resolver';
import { NotificationPreferencesService } from './preferences/notification-preferences.service';
import { UnsubscribeController } from './preferences/unsubscribe.controller';
import { UnsubscribeLinks } from './preferences/unsubscribe-links';

/** Telling users what happened to them: the email outbox and its delivery, templates, and per-kind preferences. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEmail, NotificationPreference]), AccountsModule],
  controllers: [UnsubscribeController],
  providers: [
    EmailOutbox,
    EmailTransport,
    AccountEmails,
    UnsubscribeLinks,
    NotificationPreferencesService,
    NotificationPreferencesResolver,
  ],
  exports: [EmailOutbox],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly accountEvents: AccountEvents,
    private readonly accountEmails: AccountEmails,
  ) {}

  onModuleInit(): void {
    this.accountEmails.subscribeTo(this.accountEvents);
  }
}
