import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { RECORD_STRIPE_REFUNDS, RefundsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

interface RecordStripeRefundsPayload {
  paymentId: string;
}

/** Queued by charge.refunded when Stripe has refunded more of a payment than we recorded (a refund made in the dashboard). */
@Injectable()
@JobHandlerFor(RECORD_STRIPE_REFUNDS, { maxAttempts: 25 })
export class RecordStripeRefundsJob implements JobHandler<RecordStripeRefundsPayload> {
  constructor(private readonly refunds: RefundsService) {}

  handle({ paymentId }: RecordStripeRefundsPayload): Promise<void> {
    return this.refunds.recordStripeRefunds(paymentId);
  }
}
