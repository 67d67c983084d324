import { JobAttempt, JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { EmailOutbox, SEND_EMAIL } from '@marketplace/notifications';
import { Injectable } from '@nestjs/common';

/** Queued with each outbox email, in the transaction that wrote it; EMAIL_MAX_ATTEMPTS attempts with backoff. */
@Injectable()
@JobHandlerFor(SEND_EMAIL)
export class SendEmailJob implements JobHandler<PayloadOf<typeof SEND_EMAIL>> {
  constructor(private readonly outbox: EmailOutbox) {}

  handle({ emailId }: PayloadOf<typeof SEND_EMAIL>, attempt: JobAttempt): Promise<void> {
    return this.outbox.send(emailId, attempt);
  }
}
