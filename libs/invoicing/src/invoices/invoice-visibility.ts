import { Invoice, InvoiceKind } from './invoice.entity';

/**
 * Who sees an invoice: the provider and the client of its mission, but the platform's fee invoice
 * is between the platform and the provider: the client never sees it.
 */
export function isInvoiceVisibleTo(invoice: Pick<Invoice, 'kind' | 'providerId' | 'clientId'>, viewerId: string): boolean {
  return viewerId === invoice.providerId || (viewerId === invoice.clientId && invoice.kind !== InvoiceKind.FEE_INVOICE);
}

/** The same rule as a condition on `invoices` aliased `i`, with the parameter `:viewerId`. */
export const INVOICE_VISIBLE_TO_VIEWER = `(i.provider_id = :viewerId OR (i.client_id = :viewerId AND i.kind <> '${InvoiceKind.FEE_INVOICE}'))`;
