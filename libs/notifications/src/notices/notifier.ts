import { User } from '@marketplace/accounts';
import { Clock } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { defineJob, JobQueue } from '@marketplace/jobs';
import { RealtimeEvents } from '@marketplace/realtime';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EmailOutbox } from '../email/email-outbox';
import { isEmailedKind, isNoticeKind, NotificationKind } from '../notification-kind';
import { Notification } from './notification.entity';
import { NoticeFacts, pageOf } from './notice-texts';

/** The realtime topic of a user's new notifications (payload: `{ notificationId }`). */
export const notificationsTopicOf = (userId: string) => `notifications:${userId}`;

/** Writes the email of an emailed notification to the outbox (which then sends it), after the notification committed. */
export const EMAIL_NOTIFICATION = defineJob<{ notificationId: string }>('notifications:email-notification', { maxAttempts: 10 });

const INSERT_NOTIFICATION = `INSERT INTO notifications (id, user_id, kind, mission_id, conversation_id, facts, created_at)
  VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING id`;

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
 * in-app notification and notificationAdded for their subscriptions in one statement, and, when
 * the kind is emailed, the job that writes its email. A rolled-back step leaves none of them.
 * The email is composed by the job, not here: reading the user and their preferences and rendering
 * the email took four of the statements of every notifying request (placeBid's went from 16 to 12).
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly outbox: EmailOutbox,
    private readonly realtime: RealtimeEvents,
    private readonly jobs: JobQueue,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async notify(manager: EntityManager, notice: Notice): Promise<void> {
    const { kind } = notice;
    if (!isNoticeKind(kind)) throw new Error(`${kind} is an account email, not an in-app notification`);
    const notificationId = randomUUID();
    await this.realtime.publishAlong(
      manager,
      [INSERT_NOTIFICATION],
      [
        notificationId,
        notice.userId,
        kind,
        notice.missionId ?? null,
        notice.conversationId ?? null,
        JSON.stringify(notice.facts ?? {}),
        this.clock.now(),
      ],
      [{ topic: notificationsTopicOf(notice.userId), payload: { notificationId } }],
    );
    if (isEmailedKind(kind)) await this.jobs.enqueue(manager, EMAIL_NOTIFICATION, { notificationId });
  }

  /**
   * The EMAIL_NOTIFICATION job: the notification's email in the user's language of now, unless they
   * turned its kind off by now. Once per notification, however many times the job runs.
   */
  async email(notificationId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const notification = await manager.findOneBy(Notification, { id: notificationId });
      if (!notification) return; // gone with its user's account
      if (await this.outbox.hasEmailOf(manager, notificationId)) return; // a second run of the job
      const user = await manager.findOneByOrFail(User, { id: notification.userId });
      const link = new URL(pageOf(notification), this.config.email.publicAppUrl).toString();
      await this.outbox.queue(
        manager,
        user,
        notification.kind,
        { displayName: user.displayName, link, notice: notification.facts },
        notificationId,
      );
    });
  }
}
