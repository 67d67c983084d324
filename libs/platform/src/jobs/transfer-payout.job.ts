import { JobAttempt, JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { PayoutsService, TRANSFER_PAYOUT } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

/**
 * Queued with a mission's completion, again when a provider's account starts taking transfers, and
 * when a FAILED payout is retried; each time with PAYOUT_MAX_ATTEMPTS attempts.
 */
@Injectable()
@JobHandlerFor(TRANSFER_PAYOUT)
export class TransferPayoutJob implements JobHandler<PayloadOf<typeof TRANSFER_PAYOUT>> {
  constructor(private readonly payouts: PayoutsService) {}

  handle({ payoutId }: PayloadOf<typeof TRANSFER_PAYOUT>, attempt: JobAttempt): Promise<void> {
    return this.payouts.transfer(payoutId, attempt);
  }
}
