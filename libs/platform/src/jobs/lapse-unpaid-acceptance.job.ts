import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { LAPSE_UNPAID_ACCEPTANCE, PaymentsService } from '@marketplace/payments';
import { Injectable, Logger } from '@nestjs/common';

/** Scheduled at acceptance for PAYMENT_DUE_HOURS later: an acceptance still unpaid lapses and its mission is open again. */
@Injectable()
@JobHandlerFor(LAPSE_UNPAID_ACCEPTANCE)
export class LapseUnpaidAcceptanceJob implements JobHandler<PayloadOf<typeof LAPSE_UNPAID_ACCEPTANCE>> {
  private readonly logger = new Logger(LapseUnpaidAcceptanceJob.name);

  constructor(private readonly payments: PaymentsService) {}

  async handle({ paymentId }: PayloadOf<typeof LAPSE_UNPAID_ACCEPTANCE>): Promise<void> {
    if (await this.payments.lapseIfUnpaid(paymentId)) this.logger.log({ msg: 'Unpaid acceptance lapsed', paymentId });
  }
}
