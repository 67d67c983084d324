import { frenchDate } from './cii-invoice';
import { InvoiceMentions } from './invoice-facts';

/**
 * The platform as the issuer of invoices in its providers' names. Placeholder legal details: the
 * platform's own invoices (its fee) will read them from configuration, and these with them.
 */
export const PLATFORM_ISSUER = { name: 'Marketplace SAS', siren: '901234567' } as const;

/**
 * The legal mentions of an invoice of a micro-entrepreneur under the VAT franchise (CGI 293 B;
 * the old reference is tolerated until 31 December 2027), issued by the platform under a billing
 * mandate (a third party's, so never "Autofacturation"). The B2B ones (Code de commerce L. 441-9,
 * L. 441-10, D. 441-5) are in every XML, as BR-FR-05 requires; the PDF prints them for businesses.
 */
export function invoiceMentions(sellerName: string, mandateAcceptedOn: string): InvoiceMentions {
  return {
    vatExemption: 'TVA non applicable, art. 293 B du CGI',
    mandate: `Facture émise par ${PLATFORM_ISSUER.name} (SIREN ${PLATFORM_ISSUER.siren}) au nom et pour le compte de ${sellerName}, en vertu d'un mandat de facturation du ${frenchDate(mandateAcceptedOn)}.`,
    latePenalties:
      "Pénalités de retard : taux d'intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente, majoré de 10 points.",
    recoveryIndemnity: 'Indemnité forfaitaire pour frais de recouvrement : 40 €',
    earlyPaymentDiscount: 'Escompte pour paiement anticipé : néant',
  };
}
