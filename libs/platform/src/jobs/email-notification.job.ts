import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { EMAIL_NOTIFICATION, Notifier } from '@marketplace/notifications';
import { Injectable } from '@nestjs/common';

/** Queued with each emailed notification, in the transaction that wrote it. */
@Injectable()
@JobHandlerFor(EMAIL_NOTIFICATION)
export class EmailNotificationJob implements JobHandler<PayloadOf<typeof EMAIL_NOTIFICATION>> {
  constructor(private readonly notifier: Notifier) {}

  handle({ notificationId }: PayloadOf<typeof EMAIL_NOTIFICATION>): Promise<void> {
    return this.notifier.email(notificationId);
  }
}
