import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { PaymentsService, REFUND_PAYMENT } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

interface RefundPaymentPayload {
  paymentId: string;
}

/** Queued when a paid mission is cancelled or a dispute is settled for the client. */
@Injectable()
@JobHandlerFor(REFUND_PAYMENT, { maxAttempts: 25 })
export class RefundPaymentJob implements JobHandler<RefundPaymentPayload> {
  constructor(private readonly payments: PaymentsService) {}

  handle({ paymentId }: RefundPaymentPayload): Promise<void> {
    return this.payments.refund(paymentId);
  }
}
