import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { CREATE_PAYMENT_INTENT, PaymentsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

/** Queued with an acceptance: creates its PaymentIntent if acceptBid's own attempt after the commit did not. */
@Injectable()
@JobHandlerFor(CREATE_PAYMENT_INTENT)
export class CreatePaymentIntentJob implements JobHandler<PayloadOf<typeof CREATE_PAYMENT_INTENT>> {
  constructor(private readonly payments: PaymentsService) {}

  handle({ paymentId }: PayloadOf<typeof CREATE_PAYMENT_INTENT>): Promise<void> {
    return this.payments.createPaymentIntent(paymentId);
  }
}
