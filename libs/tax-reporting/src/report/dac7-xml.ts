import { PlatformLegalConfig } from '@marketplace/config';
import { create } from 'xmlbuilder2';
import { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { Dac7Seller } from '../details/dac7-details.service';
import { Dac7Quarter, Dac7Report, wholeEuros } from './dac7-report';

/**
 * The annual DAC7 file in the DGFiP's DPI schema (schemas/dac7, cahier des charges v1.6: namespaces
 * urn:oecd:ties:dpi and urn:oecd:ties:dpistf): the platform as operator, then one ReportableSeller
 * per provider, individual, with personal services. Amounts are whole euros (see wholeEuros).
 */
export function dac7Xml(report: Dac7Report, platform: PlatformLegalConfig, at: Date): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('dpi:DPI_OECD', {
    'xmlns:dpi': 'urn:oecd:ties:dpi',
    'xmlns:stf': 'urn:oecd:ties:dpistf',
    version: '1.0',
  });
  const prefix = `OP_${report.year}_${platform.siren}`;
  const spec = root.ele('dpi:MessageSpec');
  spec.ele('dpi:TransmittingCountry').txt('FR');
  spec.ele('dpi:ReceivingCountry').txt('FR');
  spec.ele('dpi:MessageType').txt('DPI');
  spec.ele('dpi:MessageRefId').txt(`${prefix}_${at.getTime()}`);
  spec.ele('dpi:MessageTypeIndic').txt(report.sellers.length ? 'DPI401' : 'DPI403');
  spec.ele('dpi:ReportingPeriod').txt(`${report.year}-12-31`);
  spec.ele('dpi:Timestamp').txt(at.toISOString().replace('Z', ''));

  const body = root.ele('dpi:DPIBody');
  const operator = body.ele('dpi:PlatformOperator');
  operator.ele('dpi:ResCountryCode').txt('FR');
  operator.ele('dpi:TIN', { issuedBy: 'FR' }).txt(platform.siren);
  operator.ele('dpi:IN', { issuedBy: 'FR', INType: 'BRN' }).txt(platform.siren);
  operator.ele('dpi:VAT').txt(platform.vatNumber);
  operator.ele('dpi:Name').txt(platform.name);
  operator.ele('dpi:PlatformBusinessName').txt(platform.name);
  address(operator, 'OECD304', { line: platform.addressLine, postcode: platform.postcode, city: platform.city, countryCode: 'FR' });
  operator.ele('dpi:Nexus').txt('RPONEX1');
  operator.ele('dpi:AssumedReporting').txt('false');
  docSpec(operator, 'OECD1', `${prefix}_operator`);

  for (const { seller, quarters, docRefId } of report.sellers) {
    const { firstName, lastName, address: home, dateOfBirth, taxIdentificationNumber } = complete(seller);
    const reported = body.ele('dpi:ReportableSeller');
    const standard = reported.ele('dpi:Identity').ele('dpi:IndividualSeller').ele('dpi:Standard');
    const id = standard.ele('dpi:IndSellerID');
    id.ele('dpi:ResCountryCode').txt(seller.address?.countryCode ?? 'FR');
    id.ele('dpi:TIN', { issuedBy: 'FR' }).txt(taxIdentificationNumber);
    if (seller.vatNumber) id.ele('dpi:VAT').txt(seller.vatNumber);
    const name = id.ele('dpi:Name', { nameType: 'OECD202' });
    name.ele('dpi:FirstName').txt(firstName);
    name.ele('dpi:LastName').txt(lastName);
    address(id, 'OECD301', home);
    const birth = id.ele('dpi:BirthInfo');
    birth.ele('dpi:BirthDate').txt(dateOfBirth);
    if (seller.birthCity && seller.birthCountryCode) {
      const place = birth.ele('dpi:BirthPlace');
      place.ele('dpi:City').txt(seller.birthCity);
      place.ele('dpi:CountryInfo').ele('dpi:CountryCode').txt(seller.birthCountryCode);
    }
    if (seller.payoutAccountId) {
      const account = standard.ele('dpi:FinancialIdentifier');
      account.ele('dpi:Identifier', { AccountNumberType: 'Other' }).txt(seller.payoutAccountId);
      account.ele('dpi:OtherInfo').txt('Compte connecté Stripe recevant les virements');
    }
    const services = reported.ele('dpi:RelevantActivities').ele('dpi:PersonalServices');
    amounts(services.ele('dpi:Consideration'), 'dpi:ConsQ', quarters, (q) => wholeEuros(q.considerationCents));
    const count = services.ele('dpi:NumberOfActivities');
    for (const q of quarters) count.ele(`dpi:NumbQ${q.quarter}`).txt(String(q.activities));
    amounts(services.ele('dpi:Fees'), 'dpi:FeesQ', quarters, (q) => wholeEuros(q.feesCents));
    amounts(services.ele('dpi:Taxes'), 'dpi:TaxesQ', quarters, (q) => wholeEuros(q.taxesCents));
    docSpec(reported, 'OECD1', docRefId);
  }
  return root.end({ prettyPrint: true });
}

/** Only sellers whose data is complete are in a report (Dac7ReportService): nothing is made up. */
function complete(seller: Dac7Seller) {
  const { firstName, lastName, address: home, dateOfBirth, taxIdentificationNumber } = seller;
  if (!firstName || !lastName || !home || !dateOfBirth || !taxIdentificationNumber)
    throw new Error(`DAC7 data of ${seller.userId} is incomplete`);
  return { firstName, lastName, address: home, dateOfBirth, taxIdentificationNumber };
}

function address(parent: XMLBuilder, type: string, where: { line: string; postcode: string; city: string; countryCode: string }): void {
  const element = parent.ele('dpi:Address', { legalAddressType: type });
  element.ele('dpi:CountryCode').txt(where.countryCode);
  const fix = element.ele('dpi:AddressFix');
  if (where.line) fix.ele('dpi:Street').txt(where.line);
  if (where.postcode) fix.ele('dpi:PostCode').txt(where.postcode);
  fix.ele('dpi:City').txt(where.city);
}

function amounts(parent: XMLBuilder, name: string, quarters: Dac7Quarter[], euros: (quarter: Dac7Quarter) => number): void {
  for (const quarter of quarters) parent.ele(`${name}${quarter.quarter}`, { currCode: 'EUR' }).txt(String(euros(quarter)));
}

function docSpec(parent: XMLBuilder, indic: string, refId: string): void {
  const spec = parent.ele('dpi:DocSpec');
  spec.ele('stf:DocTypeIndic').txt(indic);
  spec.ele('stf:DocRefId').txt(refId);
}
