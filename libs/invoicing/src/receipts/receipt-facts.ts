import { MissingInvoiceReason } from '../invoices/missing-invoice.entity';

/** Everything a payment receipt prints, copied when the mission completed. */
export interface ReceiptFacts {
  /** YYYY-MM-DD, in Paris. */
  issueDate: string;
  missionTitle: string;
  /** When the mission completed, YYYY-MM-DD. */
  serviceDate: string;
  /** When the client paid through the platform, YYYY-MM-DD. */
  paidDate: string;
  /** What the client paid for the service, less what was given back. */
  totalCents: number;
  currency: 'EUR';
  /** Who paid. */
  clientName: string;
  /** Who was paid: the provider's name as they gave it, and their SIRET when they gave one. */
  provider: { name: string; siret: string | null };
  /** The platform, which collected the payment for the provider. */
  platform: { name: string; siren: string };
  /** Why the platform issued no invoice in the provider's name. */
  reason: MissingInvoiceReason;
}
