import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { CREATE_PAYMENT_INTENT, PaymentsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

interface CreatePaymentIntentPayload {
  paymentId: string;
}

/** Queued with an acceptance: creates its PaymentIntent if acceptBid's own attempt after the commit did not. */
@Injectable()
@JobHandlerFor(CREATE_PAYMENT_INTENT, { maxAttempts: 25 })
export class CreatePaymentIntentJob implements JobHandler<CreatePaymentIntentPayload> {
  constructor(private readonly payments: PaymentsService) {}

  handle({ paymentId }: CreatePaymentIntentPayload): Promise<void> {
    return this.payments.createPaymentIntent(paymentId);
  }
}
