/**
 * The invoice as a Factur-X PDF: PDF/A-3b (pdfkit embeds the fonts and the sRGB output intent),
 * the CII XML attached as `factur-x.xml` with AFRelationship Alternative (the EN 16931 profile's)
 * and the Factur-X XMP extension schema. Every date in it is the invoice's, so the same facts give
 * the same document.
 */
import PDFDocument from 'pdfkit';
import { frenchDate, frenchEuros, paymentTermsOf } from './cii-invoice';
import { InvoiceFacts, InvoiceParty } from './invoice-facts';
import { BOLD_FONT, FONT, invoiceFont, registerInvoiceFonts } from './invoice-fonts';
import { vatBreakdownOf } from './vat-breakdown';

export const FACTUR_X_FILE_NAME = 'factur-x.xml';

export function facturXPdf(facts: InvoiceFacts, xml: string, issuedAt: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    font: invoiceFont(FONT),
    lang: 'fr-FR',
    info: {
      Title: `${titleOf(facts)} ${facts.number}`,
      Author: facts.seller.name,
      Creator: facts.issuer.name,
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  registerInvoiceFonts(pdf);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  // pdfkit takes `relationship` (PDF/A-3's AFRelationship); its type definitions do not list it yet.
  const attachment = {
    name: FACTUR_X_FILE_NAME,
    type: 'text/xml',
    relationship: 'Alternative',
    description: 'Factur-X invoice (EN 16931)',
    creationDate: issuedAt,
    modifiedDate: issuedAt,
  };
  pdf.file(Buffer.from(xml, 'utf8'), attachment);
  pdf.appendXML(FACTUR_X_XMP);
  write(pdf, facts);
  pdf.end();
  return ended;
}

function write(pdf: PDFKit.PDFDocument, facts: InvoiceFacts): void {
  const vat = vatBreakdownOf(facts);
  pdf.font(BOLD_FONT).fontSize(20).text(titleOf(facts));
  pdf.font(FONT).fontSize(10).moveDown(0.5);
  pdf.text(`Numéro : ${facts.number}`);
  if (facts.precedingInvoice) {
    pdf.text(`Avoir sur la facture n° ${facts.precedingInvoice.number} du ${frenchDate(facts.precedingInvoice.issueDate)}`);
  }
  pdf.text(`Date d'émission : ${frenchDate(facts.issueDate)}`);
  pdf.text(`Date de la prestation : ${frenchDate(facts.serviceDate)}`);
  pdf.moveDown();
  const sellerVatNumber = facts.seller.vatNumber ? `\nN° TVA intracommunautaire : ${facts.seller.vatNumber}` : '';
  block(pdf, 'Prestataire', facts.seller, `SIREN : ${facts.seller.siren}${sellerVatNumber}`);
  block(pdf, 'Client', facts.buyer, facts.buyer.siren ? `SIREN : ${facts.buyer.siren}` : null);
  pdf.font(BOLD_FONT).text('Désignation');
  pdf.font(FONT).text(`${facts.line.description} — quantité ${facts.line.quantity} × ${frenchEuros(facts.line.unitPriceCents)} € HT`);
  pdf.moveDown();
  pdf.text(`Total HT : ${frenchEuros(vat.netCents)} €`);
  pdf.text(vat.exemption ? 'TVA : 0,00 €' : `TVA ${vat.ratePercent} % : ${frenchEuros(vat.taxCents)} €`);
  pdf.font(BOLD_FONT).text(`${totalLabelOf(facts, vat.exemption !== undefined)} : ${frenchEuros(facts.totalCents)} €`);
  pdf.font(FONT).text(`${paymentTermsOf(facts)} : reste dû 0,00 €.`);
  pdf.moveDown();
  if (vat.exemption) pdf.text(vat.exemption.reason);
  if (facts.business) {
    pdf.text(`Date d'échéance : ${frenchDate(facts.paidDate)}`);
    pdf.text(facts.mentions.earlyPaymentDiscount);
    pdf.text(facts.mentions.latePenalties);
    pdf.text(facts.mentions.recoveryIndemnity);
  }
  pdf.moveDown();
  pdf.fontSize(9).text(facts.mentions.mandate);
}

/** "Avoir" for a credit note (type 381), "Facture" otherwise. */
function titleOf(facts: InvoiceFacts): string {
  return facts.typeCode === '381' ? 'Avoir' : 'Facture';
}

function totalLabelOf(facts: InvoiceFacts, exempt: boolean): string {
  if (facts.typeCode === '381') return "Total de l'avoir";
  return exempt ? 'Total à payer' : 'Total TTC';
}

function block(pdf: PDFKit.PDFDocument, title: string, who: InvoiceParty, identifier: string | null): void {
  pdf.font(BOLD_FONT).text(title);
  pdf.font(FONT).text(who.name);
  pdf.text(who.addressLine);
  pdf.text(`${who.postcode} ${who.city}`);
  if (identifier) pdf.text(identifier);
  pdf.moveDown();
}

/** The Factur-X 1.0 XMP properties, and the PDF/A extension schema that declares them. */
const FACTUR_X_XMP = `
<rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
  <fx:DocumentType>INVOICE</fx:DocumentType>
  <fx:DocumentFileName>${FACTUR_X_FILE_NAME}</fx:DocumentFileName>
  <fx:Version>1.0</fx:Version>
  <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas>
    <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>fx</pdfaSchema:prefix>
        <pdfaSchema:property>
          <rdf:Seq>${['DocumentFileName', 'DocumentType', 'Version', 'ConformanceLevel']
            .map(
              (name) => `
            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>Factur-X ${name}</pdfaProperty:description>
            </rdf:li>`,
            )
            .join('')}
          </rdf:Seq>
        </pdfaSchema:property>
      </rdf:li>
    </rdf:Bag>
  </pdfaExtension:schemas>
</rdf:Description>`;
