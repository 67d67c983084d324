import { Invoice, InvoiceKind } from './invoice.entity';

/** The platform's own documents to the provider: its fee invoices and their credit notes. */
const PLATFORM_KINDS: readonly InvoiceKind[] = [InvoiceKind.FEE_INVOICE, InvoiceKind.FEE_CREDIT_NOTE];

/**
 * Who sees an invoice: the provider and the client of its mission, but the platform's fee invoice
 * (and its credit notes) is between the platform and the provider: the client never sees it.
 */
export function isInvoiceVisibleTo(invoice: Pick<Invoice, 'kind' | 'providerId' | 'clientId'>, viewerId: string): boolean {
  return viewerId === invoice.providerId || (viewerId === invoice.clientId && !PLATFORM_KINDS.includes(invoice.kind));
}

/** The same rule as a condition on `invoices` aliased `i`, with the parameter `:viewerId`. */
export const INVOICE_VISIBLE_TO_VIEWER = `(i.provider_id = :viewerId OR (i.client_id = :viewerId AND i.kind NOT IN (${PLATFORM_KINDS.map((kind) => `'${kind}'`).join(', ')})))`;
