/**
 * The invoice as UN/CEFACT Cross Industry Invoice XML, Factur-X profile EN 16931, with the French
 * rules (XP Z12-012 v1.4) applied: SIREN identifiers and electronic addresses, the notes BAR, PMT,
 * PMD and AAB, the VAT franchise as category E with VATEX-FR-FRANCHISE, and BT-23 S2 (a service
 * invoice already paid: the client paid through the platform before the invoice was issued).
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { InvoiceFacts, InvoiceParty } from './invoice-facts';
import { vatBreakdownOf } from './vat-breakdown';

const NAMESPACES = {
  'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  'xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  'xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

/** The Factur-X 1.0 / EN 16931 guideline (BT-24). */
export const EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

/** SIREN in ISO 6523 (BT-30, BT-47) and in the French electronic-address scheme (BT-34, BT-49). */
const SIREN_SCHEME = '0002';
const FRENCH_ADDRESS_SCHEME = '0225';
const EMAIL_SCHEME = 'EM';

export function ciiInvoiceXml(facts: InvoiceFacts): string {
  const vat = vatBreakdownOf(facts);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('rsm:CrossIndustryInvoice', NAMESPACES);
  const context = root.ele('rsm:ExchangedDocumentContext');
  context.ele('ram:BusinessProcessSpecifiedDocumentContextParameter').ele('ram:ID').txt('S2');
  context.ele('ram:GuidelineSpecifiedDocumentContextParameter').ele('ram:ID').txt(EN16931_GUIDELINE);

  const document = root.ele('rsm:ExchangedDocument');
  document.ele('ram:ID').txt(facts.number);
  document.ele('ram:TypeCode').txt(facts.typeCode);
  date(document.ele('ram:IssueDateTime'), facts.issueDate);
  for (const [subject, content] of notesOf(facts)) {
    const note = document.ele('ram:IncludedNote');
    note.ele('ram:Content').txt(content);
    note.ele('ram:SubjectCode').txt(subject);
  }

  const transaction = root.ele('rsm:SupplyChainTradeTransaction');
  const line = transaction.ele('ram:IncludedSupplyChainTradeLineItem');
  line.ele('ram:AssociatedDocumentLineDocument').ele('ram:LineID').txt('1');
  line.ele('ram:SpecifiedTradeProduct').ele('ram:Name').txt(facts.line.description);
  line
    .ele('ram:SpecifiedLineTradeAgreement')
    .ele('ram:NetPriceProductTradePrice')
    .ele('ram:ChargeAmount')
    .txt(euros(facts.line.unitPriceCents));
  line.ele('ram:SpecifiedLineTradeDelivery').ele('ram:BilledQuantity', { unitCode: 'C62' }).txt(String(facts.line.quantity));
  const lineSettlement = line.ele('ram:SpecifiedLineTradeSettlement');
  const lineTax = lineSettlement.ele('ram:ApplicableTradeTax');
  lineTax.ele('ram:TypeCode').txt('VAT');
  lineTax.ele('ram:CategoryCode').txt(vat.categoryCode);
  lineTax.ele('ram:RateApplicablePercent').txt(String(vat.ratePercent));
  lineSettlement
    .ele('ram:SpecifiedTradeSettlementLineMonetarySummation')
    .ele('ram:LineTotalAmount')
    .txt(euros(facts.line.unitPriceCents * facts.line.quantity));

  const agreement = transaction.ele('ram:ApplicableHeaderTradeAgreement');
  party(agreement.ele('ram:SellerTradeParty'), facts.seller, { taxRegistration: true });
  party(agreement.ele('ram:BuyerTradeParty'), facts.buyer, { taxRegistration: false });

  const delivery = transaction.ele('ram:ApplicableHeaderTradeDelivery');
  date(delivery.ele('ram:ActualDeliverySupplyChainEvent').ele('ram:OccurrenceDateTime'), facts.serviceDate);

  const settlement = transaction.ele('ram:ApplicableHeaderTradeSettlement');
  settlement.ele('ram:InvoiceCurrencyCode').txt(facts.currency);
  const tax = settlement.ele('ram:ApplicableTradeTax');
  tax.ele('ram:CalculatedAmount').txt(euros(vat.taxCents));
  tax.ele('ram:TypeCode').txt('VAT');
  if (vat.exemption) tax.ele('ram:ExemptionReason').txt(vat.exemption.reason);
  tax.ele('ram:BasisAmount').txt(euros(vat.netCents));
  tax.ele('ram:CategoryCode').txt(vat.categoryCode);
  if (vat.exemption) tax.ele('ram:ExemptionReasonCode').txt(vat.exemption.code);
  tax.ele('ram:RateApplicablePercent').txt(String(vat.ratePercent));
  const terms = settlement.ele('ram:SpecifiedTradePaymentTerms');
  terms.ele('ram:Description').txt(paymentTermsOf(facts));
  date(terms.ele('ram:DueDateDateTime'), facts.paidDate);
  const totals = settlement.ele('ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  totals.ele('ram:LineTotalAmount').txt(euros(vat.netCents));
  totals.ele('ram:TaxBasisTotalAmount').txt(euros(vat.netCents));
  totals.ele('ram:TaxTotalAmount', { currencyID: facts.currency }).txt(euros(vat.taxCents));
  totals.ele('ram:GrandTotalAmount').txt(euros(facts.totalCents));
  totals.ele('ram:TotalPrepaidAmount').txt(euros(facts.totalCents));
  totals.ele('ram:DuePayableAmount').txt('0.00');
  if (facts.precedingInvoice) {
    // BG-3: the invoice a credit note credits (BT-25, BT-26).
    const preceding = settlement.ele('ram:InvoiceReferencedDocument');
    preceding.ele('ram:IssuerAssignedID').txt(facts.precedingInvoice.number);
    preceding
      .ele('ram:FormattedIssueDateTime')
      .ele('qdt:DateTimeString', { format: '102' })
      .txt(facts.precedingInvoice.issueDate.replaceAll('-', ''));
  }

  return root.end({ prettyPrint: true });
}

/** BG-1: the invoice's notes with their UNTDID 4451 subject codes, BAR (B2B or B2C) first. */
function notesOf(facts: InvoiceFacts): [string, string][] {
  return [
    ['BAR', facts.business ? 'B2B' : 'B2C'],
    ['AAI', facts.mentions.mandate],
    ['PMD', facts.mentions.latePenalties],
    ['PMT', facts.mentions.recoveryIndemnity],
    ['AAB', facts.mentions.earlyPaymentDiscount],
  ];
}

function party(element: XMLBuilder, who: InvoiceParty, { taxRegistration }: { taxRegistration: boolean }): void {
  element.ele('ram:Name').txt(who.name);
  if (who.siren) element.ele('ram:SpecifiedLegalOrganization').ele('ram:ID', { schemeID: SIREN_SCHEME }).txt(who.siren);
  const address = element.ele('ram:PostalTradeAddress');
  address.ele('ram:PostcodeCode').txt(who.postcode);
  address.ele('ram:LineOne').txt(who.addressLine);
  address.ele('ram:CityName').txt(who.city);
  address.ele('ram:CountryID').txt(who.country);
  const electronicAddress = element.ele('ram:URIUniversalCommunication');
  if (who.siren) electronicAddress.ele('ram:URIID', { schemeID: FRENCH_ADDRESS_SCHEME }).txt(who.siren);
  else electronicAddress.ele('ram:URIID', { schemeID: EMAIL_SCHEME }).txt(who.email);
  if (taxRegistration && who.vatNumber) element.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'VA' }).txt(who.vatNumber);
  // BR-E-02 asks an exempt seller for a tax identifier; under the franchise there is no VAT number, so the SIREN is the tax registration (FC).
  else if (taxRegistration && who.siren) element.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'FC' }).txt(who.siren);
}

/** How the invoice was paid (BT-20), the same words on the PDF and in the XML. */
export function paymentTermsOf(facts: InvoiceFacts): string {
  const on = frenchDate(facts.paidDate);
  if (facts.typeCode === '381') return `Avoir soldé le ${on} via ${facts.issuer.name}`;
  // The platform's fee is kept out of the client's payment, which it collected for the provider.
  return facts.vat
    ? `Réglée le ${on} par retenue sur le paiement de la mission encaissé par ${facts.issuer.name} pour le compte du prestataire`
    : `Payée le ${on} par carte, via ${facts.issuer.name}`;
}

function date(element: XMLBuilder, isoDate: string): void {
  element.ele('udt:DateTimeString', { format: '102' }).txt(isoDate.replaceAll('-', ''));
}

export function euros(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** 2026-12-01 → 01/12/2026. */
export function frenchDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/** 12000 → "120,00" (amounts as French readers write them, on the PDF). */
export function frenchEuros(cents: number): string {
  return euros(cents).replace('.', ',');
}
