import { FeeInvoicesService, ISSUE_FEE_INVOICES } from '@marketplace/invoicing';
import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { Injectable } from '@nestjs/common';

/** Queued by a completion that leaves the platform a fee, and when a provider with fees waiting changes their records. */
@Injectable()
@JobHandlerFor(ISSUE_FEE_INVOICES)
export class IssueFeeInvoicesJob implements JobHandler<PayloadOf<typeof ISSUE_FEE_INVOICES>> {
  constructor(private readonly feeInvoices: FeeInvoicesService) {}

  handle({ providerId }: PayloadOf<typeof ISSUE_FEE_INVOICES>): Promise<void> {
    return this.feeInvoices.issuePending(providerId);
  }
}
