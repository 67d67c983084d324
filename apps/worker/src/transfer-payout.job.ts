import { JobAttempt, JobHandler, JobHandlerFor } from '@marketplace/jobs';
import { PayoutsService, TRANSFER_MAX_ATTEMPTS, TRANSFER_PAYOUT } from '@marketplace/payments';
import { Injectable } from '@nestjs/common';

interface TransferPayoutPayload {
  payoutId: string;
}

/** Queued with a mission's completion (and again when a provider's account starts taking transfers). */
@Injectable()
@JobHandlerFor(TRANSFER_PAYOUT, { maxAttempts: TRANSFER_MAX_ATTEMPTS })
export class TransferPayoutJob implements JobHandler<TransferPayoutPayload> {
  constructor(private readonly payouts: PayoutsService) {}

  handle({ payoutId }: TransferPayoutPayload, attempt: JobAttempt): Promise<void> {
    return this.payouts.transfer(payoutId, attempt);
  }
}
