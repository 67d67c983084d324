import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { REFUND_PAYMENT, RefundsService } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

/** Queued when a paid mission is called off, or a dispute settled for the client or with a split. */
@Injectable()
@JobHandlerFor(REFUND_PAYMENT)
export class RefundPaymentJob implements JobHandler<PayloadOf<typeof REFUND_PAYMENT>> {
  constructor(private readonly refunds: RefundsService) {}

  handle({ paymentId }: PayloadOf<typeof REFUND_PAYMENT>): Promise<void> {
    return this.refunds.refund(paymentId);
  }
}
