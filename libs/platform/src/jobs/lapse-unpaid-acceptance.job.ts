import { JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { LAPSE_UNPAID_ACCEPTANCE, MissionLifecycleService } from '@marketplace/payments';
import { Injectable, Logger } from '@nestjs/common';

interface LapseUnpaidAcceptancePayload {
  paymentId: string;
}

/** Scheduled at acceptance for PAYMENT_DUE_HOURS later: an acceptance still unpaid lapses and its mission is open again. */
@Injectable()
@JobHandlerFor(LAPSE_UNPAID_ACCEPTANCE, { maxAttempts: 25 })
export class LapseUnpaidAcceptanceJob implements JobHandler<LapseUnpaidAcceptancePayload> {
  private readonly logger = new Logger(LapseUnpaidAcceptanceJob.name);

  constructor(private readonly lifecycle: MissionLifecycleService) {}

  async handle({ paymentId }: LapseUnpaidAcceptancePayload): Promise<void> {
    if (await this.lifecycle.lapseIfUnpaid(paymentId)) this.logger.log({ msg: 'Unpaid acceptance lapsed', paymentId });
  }
}
