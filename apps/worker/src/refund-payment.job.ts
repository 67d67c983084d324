import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { REFUND_PAYMENT, RefundsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

interface RefundPaymentPayload {
  paymentId: string;
}

/** Queued when a paid mission is called off, or a dispute settled for the client or with a split. */
@Injectable()
@JobHandlerFor(REFUND_PAYMENT, { maxAttempts: 25 })
export class RefundPaymentJob implements JobHandler<RefundPaymentPayload> {
  constructor(private readonly refunds: RefundsService) {}

  handle({ paymentId }: RefundPaymentPayload): Promise<void> {
    return this.refunds.refund(paymentId);
  }
}
