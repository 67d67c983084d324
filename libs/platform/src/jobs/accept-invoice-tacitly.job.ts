import { ACCEPT_INVOICE_TACITLY, InvoiceContestsService } from '@marketplace/invoicing';
import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { Injectable } from '@nestjs/common';

/** Scheduled at an invoice's issue for its contest deadline: accepts it unless its provider contested it. */
@Injectable()
@JobHandlerFor(ACCEPT_INVOICE_TACITLY)
export class AcceptInvoiceTacitlyJob implements JobHandler<PayloadOf<typeof ACCEPT_INVOICE_TACITLY>> {
  constructor(private readonly contests: InvoiceContestsService) {}

  handle({ invoiceId }: PayloadOf<typeof ACCEPT_INVOICE_TACITLY>): Promise<void> {
    return this.contests.acceptTacitly(invoiceId);
  }
}
