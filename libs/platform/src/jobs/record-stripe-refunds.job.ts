import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { RECORD_STRIPE_REFUNDS, RefundsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

/** Queued by charge.refunded when Stripe has refunded more of a payment than we recorded (a refund made in the dashboard). */
@Injectable()
@JobHandlerFor(RECORD_STRIPE_REFUNDS)
export class RecordStripeRefundsJob implements JobHandler<PayloadOf<typeof RECORD_STRIPE_REFUNDS>> {
  constructor(private readonly refunds: RefundsService) {}

  handle({ paymentId }: PayloadOf<typeof RECORD_STRIPE_REFUNDS>): Promise<void> {
    return this.refunds.recordStripeRefunds(paymentId);
  }
}
