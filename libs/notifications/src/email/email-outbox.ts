import { Locale, User } from '@marketplace/accounts';
import { Clock } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { deleteBatch } from '@marketplace/database';
import { ATTEMPTS_GIVEN_AT_ENQUEUE, defineJob, JobAttempt, JobQueue } from '@marketplace/jobs';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { isSecurityKind, NotificationKind } from '../notification-kind';
import { NotificationPreferencesService } from '../preferences/notification-preferences.service';
import { UnsubscribeLinks } from '../preferences/unsubscribe-links';
import { renderEmail } from './email-rendering';
import { EmailFacts } from './email-templates';
import { EmailTransport } from './email-transport';
import { OutboxEmail } from './outbox-email.entity';
import { outboxFileName } from './outbox-files';

export const SEND_EMAIL = defineJob<{ emailId: string }>('notifications:send-email', { maxAttempts: ATTEMPTS_GIVEN_AT_ENQUEUE });

/** What the outbox keeps of an error: enough to diagnose, not a whole server transcript. */
const MAX_ERROR_LENGTH = 500;

/**
 * Emails go through the outbox: written in the caller's transaction with the job that sends them,
 * so an email exists if and only if what caused it committed. Sending is at least once: the row
 * is marked sent right after the SMTP server accepted it, so a crash between the two sends it again.
 */
@Injectable()
export class EmailOutbox {
  private readonly logger = new Logger(EmailOutbox.name);

  constructor(
    @InjectRepository(OutboxEmail) private readonly emails: Repository<OutboxEmail>,
    private readonly preferences: NotificationPreferencesService,
    private readonly unsubscribeLinks: UnsubscribeLinks,
    private readonly transport: EmailTransport,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** Queues the email of `kind` to the user, in their language, unless they turned that kind off; `notificationId` when it is a notification's. */
  async queue(manager: EntityManager, user: User, kind: NotificationKind, facts: EmailFacts, notificationId?: string): Promise<void> {
    const security = isSecurityKind(kind);
    if (!security && !(await this.preferences.wantsEmail(manager, user.id, kind))) return;
    const unsubscribeUrl = security ? undefined : this.unsubscribeLinks.urlFor(user.id, kind);
    const { subject, text, html } = renderEmail(kind, user.locale ?? Locale.FR, facts, unsubscribeUrl);
    const headers: Record<string, string> = unsubscribeUrl
      ? { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
      : {};
    const { identifiers } = await manager.insert(OutboxEmail, {
      userId: user.id,
      notificationId: notificationId ?? null,
      kind,
      toAddress: user.email,
      subject,
      textBody: text,
      htmlBody: html,
      headers,
    });
    const emailId = (identifiers[0] as { id: string }).id;
    await this.jobs.enqueue(manager, SEND_EMAIL, { emailId }, { maxAttempts: this.config.email.maxAttempts });
  }

  /**
   * Deletes up to `limit` emails sent before `before`, or written before it and never sent (their
   * job gave up long ago): one batch of the retention purge.
   */
  purgeOlderThan(before: Date, limit: number): Promise<number> {
    // Each side of the OR has its partial index (sent_at, and created_at of unsent emails).
    const old = { table: 'email_outbox', condition: 'sent_at < $1 OR (sent_at IS NULL AND created_at < $1)', parameters: [before] };
    return deleteBatch(this.emails.manager, old, limit);
  }

  /** Whether the notification's email is in the outbox already (sent or not). */
  hasEmailOf(manager: EntityManager, notificationId: string): Promise<boolean> {
    return manager.existsBy(OutboxEmail, { notificationId });
  }

  /**
   * One attempt at sending the email; throwing makes the job retry later (with backoff). An
   * email already sent (a job run twice) is not sent again.
   */
  async send(emailId: string, { attempt, maxAttempts }: JobAttempt): Promise<void> {
    const email = await this.emails.findOneBy({ id: emailId, sentAt: IsNull() });
    if (!email?.textBody) return;
    try {
      await this.transport.send(
        { to: email.toAddress, subject: email.subject, text: email.textBody, html: email.htmlBody ?? undefined, headers: email.headers },
        outboxFileName(this.clock.now(), email.id),
      );
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
      await this.emails.update({ id: email.id }, { attempts: () => 'attempts + 1', lastError: message, lastAttemptAt: this.clock.now() });
      this.logger.warn({ msg: 'Email not sent', emailId, kind: email.kind, attempt, maxAttempts, error: message });
      throw error;
    }
    const now = this.clock.now();
    await this.emails.update(
      { id: email.id },
      { attempts: () => 'attempts + 1', lastError: null, lastAttemptAt: now, sentAt: now, textBody: null, htmlBody: null },
    );
  }
}
