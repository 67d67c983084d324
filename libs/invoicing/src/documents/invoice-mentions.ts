import { PlatformLegalConfig } from '@marketplace/config';
import { frenchDate } from './cii-invoice';
import { InvoiceMentions } from './invoice-facts';

/** The platform as the issuer of the invoices in its providers' names (and the seller of its own): from configuration. */
export interface PlatformIssuer {
  name: string;
  siren: string;
}

export function platformIssuerOf(legal: PlatformLegalConfig): PlatformIssuer {
  return { name: legal.name, siren: legal.siren };
}

/** The mentions every business invoice carries (Code de commerce L. 441-9, L. 441-10, D. 441-5). */
export const B2B_MENTIONS: Pick<InvoiceMentions, 'latePenalties' | 'recoveryIndemnity' | 'earlyPaymentDiscount'> = {
  latePenalties:
    "Pénalités de retard : taux d'intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente, majoré de 10 points.",
  recoveryIndemnity: 'Indemnité forfaitaire pour frais de recouvrement : 40 €',
  earlyPaymentDiscount: 'Escompte pour paiement anticipé : néant',
};

/**
 * The legal mentions of an invoice of a micro-entrepreneur under the VAT franchise (CGI 293 B;
 * the old reference is tolerated until 31 December 2027), issued by the platform under a billing
 * mandate (a third party's, so never "Autofacturation"). The B2B ones are in every XML, as
 * BR-FR-05 requires; the PDF prints them for businesses.
 */
export function invoiceMentions(issuer: PlatformIssuer, sellerName: string, mandateAcceptedOn: string): InvoiceMentions {
  return {
    vatExemption: 'TVA non applicable, art. 293 B du CGI',
    mandate: `Facture émise par ${issuer.name} (SIREN ${issuer.siren}) au nom et pour le compte de ${sellerName}, en vertu d'un mandat de facturation du ${frenchDate(mandateAcceptedOn)}.`,
    ...B2B_MENTIONS,
  };
}
