/**
 * The client's payment receipt as a PDF: what was paid, when, for which mission, to whom, that it
 * is not an invoice and why the platform issued none. Rendered from the frozen facts alone, every
 * date in it the receipt's, so each download gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import { frenchDate, frenchEuros } from '../documents/cii-invoice';
import { MissingInvoiceReason } from '../invoices/missing-invoice.entity';
import { ReceiptFacts } from './receipt-facts';

const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** Why there is no invoice from the platform, as the client reads it. */
const WHY_NO_INVOICE: Record<MissingInvoiceReason, string> = {
  NO_BILLING_MANDATE: "le prestataire n'a pas confié à la plateforme de mandat pour émettre ses factures en son nom",
  NO_SIRET: "le prestataire n'a pas communiqué son numéro SIRET à la plateforme, qui ne peut donc pas émettre de facture en son nom",
  NO_BILLING_ADDRESS:
    "le prestataire n'a pas communiqué son nom et son adresse de facturation à la plateforme, qui ne peut donc pas émettre de facture en son nom",
  AWAITS_VAT_NUMBER:
    "la facture du prestataire, sorti de la franchise de TVA, attend son numéro de TVA : elle sera émise dès qu'il l'aura donné",
};

export async function paymentReceiptPdf(id: string, facts: ReceiptFacts, issuedAt: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    font: FONT,
    lang: 'fr-FR',
    info: {
      Title: 'Reçu de paiement',
      Author: facts.platform.name,
      Creator: facts.platform.name,
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  pdf.font(BOLD_FONT).fontSize(20).text('Reçu de paiement');
  pdf.font(FONT).fontSize(10).moveDown(0.5);
  pdf.font(BOLD_FONT).text("Ce reçu n'est pas une facture.");
  pdf.font(FONT).text(`Reçu n° ${id}, établi le ${frenchDate(facts.issueDate)}`);
  pdf.moveDown();
  pdf.text(`Payé par : ${facts.clientName}`);
  const siret = facts.provider.siret ? ` (SIRET ${facts.provider.siret})` : '';
  pdf.text(`Payé à : ${facts.provider.name}${siret}, prestataire de la mission`);
  pdf.text(`Par l'intermédiaire de : ${facts.platform.name} (SIREN ${facts.platform.siren}), qui a encaissé le paiement pour son compte`);
  pdf.moveDown();
  pdf.text(`Mission : « ${facts.missionTitle} », terminée le ${frenchDate(facts.serviceDate)}`);
  pdf.text(`Paiement reçu le ${frenchDate(facts.paidDate)}, par carte`);
  pdf.font(BOLD_FONT).text(`Montant payé pour la prestation : ${frenchEuros(facts.totalCents)} €`);
  pdf.font(FONT).moveDown();
  pdf.text(
    `Pourquoi ce reçu et pas une facture : ${WHY_NO_INVOICE[facts.reason]}. Le prestataire reste tenu de vous remettre ` +
      'la facture de cette prestation : demandez-la-lui.',
  );
  pdf.end();
  const chunks: Buffer[] = [];
  for await (const chunk of pdf as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
