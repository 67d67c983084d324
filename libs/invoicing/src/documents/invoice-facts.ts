/**
 * Everything an invoice prints, copied into its row when it is numbered (its `facts`): the
 * documents are rendered from these alone, so a later change of a name, an address or a price
 * never reaches an invoice already issued.
 */
export interface InvoiceParty {
  /** For the provider, their name followed by "EI"; for a business client, the company's name. */
  name: string;
  addressLine: string;
  postcode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Nine digits; null for a consumer. */
  siren: string | null;
  /** Where the invoice reaches them (their account's address): the electronic address of a party without a SIREN. */
  email: string;
  /** The intracommunity VAT number (BT-31): the platform's, as the seller of its fee invoice; absent under the franchise. */
  vatNumber?: string;
}

export interface InvoiceFacts {
  number: string;
  /** UNTDID 1001: 380 for an invoice (381 for a credit note). */
  typeCode: '380' | '381';
  /** YYYY-MM-DD, in Paris. */
  issueDate: string;
  /** When the service was done (the mission's completion), YYYY-MM-DD. */
  serviceDate: string;
  /** When the client paid through the platform, YYYY-MM-DD: the invoice is issued already paid. */
  paidDate: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  /** The client buys for a business (B2B mentions apply). */
  business: boolean;
  /** The platform, which issues the invoice in the seller's name and on their behalf. */
  issuer: { name: string; siren: string };
  line: { description: string; quantity: 1; unitPriceCents: number };
  totalCents: number;
  currency: 'EUR';
  /** The printed legal mentions, in order; the XML carries the same under their subject codes. */
  mentions: InvoiceMentions;
  /**
   * Standard-rate VAT, on the platform's fee invoice only (net + tax = totalCents, the line's price
   * is the net); absent, the seller is under the franchise (category E) and `mentions.vatExemption` applies.
   */
  vat?: { categoryCode: 'S'; ratePercent: number; netCents: number; taxCents: number };
  /** A credit note's original invoice (BT-25, BT-26), as it was numbered and dated. */
  precedingInvoice?: { number: string; issueDate: string };
}

export interface InvoiceMentions {
  vatExemption: string;
  mandate: string;
  latePenalties: string;
  recoveryIndemnity: string;
  earlyPaymentDiscount: string;
}
