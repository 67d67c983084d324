import { AccountEvent, AccountEvents } from '@marketplace/accounts';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationKind } from '../notification-kind';
import { EmailOutbox } from './email-outbox';

/** The web app's pages that the links of account emails open. */
const PAGES = {
  EMAIL_VERIFICATION_REQUESTED: '/verify-email',
  PASSWORD_RESET_REQUESTED: '/reset-password',
  REGISTRATION_ATTEMPTED: '/forgot-password',
  EMAIL_VERIFIED: '/missions',
} satisfies Record<AccountEvent['type'], string>;

const KINDS = {
  EMAIL_VERIFICATION_REQUESTED: NotificationKind.EMAIL_VERIFICATION,
  PASSWORD_RESET_REQUESTED: NotificationKind.PASSWORD_RESET,
  REGISTRATION_ATTEMPTED: NotificationKind.REGISTRATION_ATTEMPT,
  EMAIL_VERIFIED: NotificationKind.WELCOME,
} satisfies Record<AccountEvent['type'], NotificationKind>;

/** Each account event becomes its email, in the event's transaction; a link's token travels only in the email. */
@Injectable()
export class AccountEmails {
  constructor(
    private readonly outbox: EmailOutbox,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  subscribeTo(events: AccountEvents): void {
    events.on((manager, event) => this.send(manager, event));
  }

  private send(manager: EntityManager, event: AccountEvent): Promise<void> {
    const link = new URL(PAGES[event.type], this.config.email.publicAppUrl);
    if ('token' in event) link.searchParams.set('token', event.token);
    return this.outbox.queue(manager, event.user, KINDS[event.type], {
      displayName: event.user.displayName,
      link: link.toString(),
      expiresAt: 'expiresAt' in event ? event.expiresAt : undefined,
    });
  }
}
