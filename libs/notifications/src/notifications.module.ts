import { AccountEvents, AccountsModule } from '@marketplace/accounts';
import { NodeSources } from '@marketplace/common';
import { RealtimeModule } from '@marketplace/realtime';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountEmails } from './email/account-emails';
import { EmailOutbox } from './email/email-outbox';
import { EmailTransport } from './email/email-transport';
import { OutboxEmail } from './email/outbox-email.entity';
import { Notification } from './notices/notification.entity';
import { NotificationsResolver } from './notices/notifications.resolver';
import { NotificationsService } from './notices/notifications.service';
import { Notifier } from './notices/notifier';
import { NotificationPreference } from './preferences/notification-preference.entity';
import { NotificationPreferencesResolver } from './preferences/notification-preferences.resolver';
import { NotificationPreferencesService } from './preferences/notification-preferences.service';
import { UnsubscribeController } from './preferences/unsubscribe.controller';
import { UnsubscribeLinks } from './preferences/unsubscribe-links';

/** Telling users what happened to them: in-app notifications, the email outbox and its delivery, templates, and per-kind preferences. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEmail, NotificationPreference, Notification]), AccountsModule, RealtimeModule],
  controllers: [UnsubscribeController],
  providers: [
    EmailOutbox,
    EmailTransport,
    AccountEmails,
    UnsubscribeLinks,
    NotificationPreferencesService,
    NotificationPreferencesResolver,
    Notifier,
    NotificationsService,
    NotificationsResolver,
  ],
  exports: [EmailOutbox, Notifier, NotificationsService],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly accountEvents: AccountEvents,
    private readonly accountEmails: AccountEmails,
    private readonly nodes: NodeSources,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.accountEmails.subscribeTo(this.accountEvents);
    this.nodes.register({ typeName: 'Notification', visibleByIds: (viewer, ids) => this.notifications.findOwnByIds(viewer, ids) });
  }
}
