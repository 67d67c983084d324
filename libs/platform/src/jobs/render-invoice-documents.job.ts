import { InvoiceDocumentsService, RENDER_INVOICE_DOCUMENTS } from '@marketplace/invoicing';
import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { Injectable } from '@nestjs/common';

/** Queued in the transaction that froze an invoice: its Factur-X PDF and XML, rendered and stored once. */
@Injectable()
@JobHandlerFor(RENDER_INVOICE_DOCUMENTS)
export class RenderInvoiceDocumentsJob implements JobHandler<PayloadOf<typeof RENDER_INVOICE_DOCUMENTS>> {
  constructor(private readonly documents: InvoiceDocumentsService) {}

  handle({ invoiceId }: PayloadOf<typeof RENDER_INVOICE_DOCUMENTS>): Promise<void> {
    return this.documents.render(invoiceId);
  }
}
