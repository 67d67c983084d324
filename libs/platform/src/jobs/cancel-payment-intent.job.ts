import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { CANCEL_PAYMENT_INTENT, PaymentsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

interface CancelPaymentIntentPayload {
  paymentId: string;
}

/** Queued when an assigned mission is cancelled before its client paid: the PaymentIntent must not be confirmable any more. */
@Injectable()
@JobHandlerFor(CANCEL_PAYMENT_INTENT, { maxAttempts: 25 })
export class CancelPaymentIntentJob implements JobHandler<CancelPaymentIntentPayload> {
  constructor(private readonly payments: PaymentsService) {}

  handle({ paymentId }: CancelPaymentIntentPayload): Promise<void> {
    return this.payments.cancelPaymentIntent(paymentId);
  }
}
