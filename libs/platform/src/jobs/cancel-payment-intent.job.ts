import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { CANCEL_PAYMENT_INTENT, PaymentsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

/** Queued when an assigned mission is cancelled before its client paid: the PaymentIntent must not be confirmable any more. */
@Injectable()
@JobHandlerFor(CANCEL_PAYMENT_INTENT)
export class CancelPaymentIntentJob implements JobHandler<PayloadOf<typeof CANCEL_PAYMENT_INTENT>> {
  constructor(private readonly payments: PaymentsService) {}

  handle({ paymentId }: PayloadOf<typeof CANCEL_PAYMENT_INTENT>): Promise<void> {
    return this.payments.cancelPaymentIntent(paymentId);
  }
}
