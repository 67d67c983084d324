import { User } from '@marketplace/accounts';
import { Clock } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { RealtimeEvents } from '@marketplace/realtime';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EmailOutbox } from '../email/email-outbox';
import { isEmailedKind, isNoticeKind, NotificationKind } from '../notification-kind';
import { Notification } from './notification.entity';
import { NoticeFacts, pageOf } from './notice-texts';

/** The realtime topic of a user's new notifications (payload: `{ notificationId }`). */
export const notificationsTopicOf = (userId: string) => `notifications:${userId}`;

/** What a domain tells a user. */
export interface Notice {
  /** Who is told. */
  userId: string;
  /** One of the in-app kinds (not an account email's). */
  kind: NotificationKind;
  /** What it is about, when it is about a mission… */
  missionId?: string | null;
  /** … or a conversation. */
  conversationId?: string | null;
  /** What the text says (names, titles, amounts in cents); never secrets. */
  facts?: NoticeFacts;
}

/**
 * How the domains tell a user what happened to them, in the transaction of what happened: the
 * in-app notification, its email when the kind is emailed and the user did not turn it off, and
 * notificationAdded for their subscriptions. A rolled-back step leaves none of them.
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly realtime: RealtimeEvents,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async notify(manager: EntityManager, notice: Notice): Promise<void> {
    const { kind } = notice;
    if (!isNoticeKind(kind)) throw new Error(`${kind} is an account email, not an in-app notification`);
    const facts = notice.facts ?? {};
    const { identifiers } = await manager.insert(Notification, {
      userId: notice.userId,
      kind,
      missionId: notice.missionId ?? null,
      conversationId: notice.conversationId ?? null,
      facts,
      createdAt: this.clock.now(),
    });
    const notificationId = (identifiers[0] as { id: string }).id;
    await this.realtime.publish(manager, notificationsTopicOf(notice.userId), { notificationId });
    if (!isEmailedKind(kind)) return;
    const user = await manager.findOneByOrFail(User, { id: notice.userId });
    const link = new URL(pageOf({ ...notice, kind }), this.config.email.publicAppUrl).toString();
    await this.outbox.queue(manager, user, kind, { displayName: user.displayName, link, notice: facts });
  }
}
