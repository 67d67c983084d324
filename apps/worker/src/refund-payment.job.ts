import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { PaymentsService, REFUND_PAYMENT } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

/** Queued when a paid mission is cancelled or a dispute is settled for the client. */
@Injectable()
@JobHandlerFor(REFUND_PAYMENT)
export class RefundPaymentJob implements JobHandler<PayloadOf<typeof REFUND_PAYMENT>> {
  constructor(private readonly payments: PaymentsService) {}

  handle({ paymentId }: PayloadOf<typeof REFUND_PAYMENT>): Promise<void> {
    return this.payments.refund(paymentId);
  }
}
