/**
 * The platform's own legal identity, as its invoices print it: the seller of its fee invoices and
 * the issuer of the invoices it writes in its providers' names. The defaults are a visibly
 * fictitious company so that a developer's machine issues complete invoices; production must say
 * who the platform is.
 */
import { hasValidLuhnChecksum } from '@marketplace/common';
import { ConfigProblems, EnvReader } from './env-reader';

export interface PlatformLegalConfig {
  /** The company's name (dénomination sociale). */
  name: string;
  /** Its legal form as printed, e.g. "SAS". */
  legalForm: string;
  /** Its share capital in whole euros (Code de commerce R. 123-237). */
  shareCapitalEuros: number;
  /** Nine digits, Luhn-checked. */
  siren: string;
  /** The intracommunity VAT number, FR + key + SIREN (BT-31). */
  vatNumber: string;
  /** The town of the trade register it is registered at ("RCS Paris"). */
  rcsCity: string;
  addressLine: string;
  postcode: string;
  city: string;
}

const FICTITIOUS = {
  name: 'Marketplace Exemple SAS (fictive)',
  legalForm: 'SAS',
  shareCapitalEuros: 1000,
  siren: '123456782',
  rcsCity: 'Paris',
  addressLine: "1 rue de l'Exemple",
  postcode: '75001',
  city: 'Paris',
};

/** The French intracommunity VAT number of a SIREN: FR, the key (12 + 3 × (SIREN mod 97)) mod 97 on two digits, the SIREN. */
export function frenchVatNumberOf(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

export function readPlatformLegal(read: EnvReader, problems: ConfigProblems, isProduction: boolean): PlatformLegalConfig {
  const value = (name: string, fallback: string): string => {
    const given = read.optionalString(name, { minLength: 1 });
    if (given === undefined && isProduction) problems.add(name, "is required when NODE_ENV=production (the platform's invoices print it)");
    return given ?? fallback;
  };
  let siren = value('PLATFORM_SIREN', FICTITIOUS.siren).replace(/\s/g, '');
  if (!/^\d{9}$/.test(siren) || !hasValidLuhnChecksum(siren)) {
    problems.add('PLATFORM_SIREN', 'must be 9 digits with a valid (Luhn) checksum');
    siren = FICTITIOUS.siren;
  }
  const vatNumber = read.string('PLATFORM_VAT_NUMBER', frenchVatNumberOf(siren)).replace(/\s/g, '');
  if (vatNumber !== frenchVatNumberOf(siren)) {
    problems.add('PLATFORM_VAT_NUMBER', `must be the VAT number of PLATFORM_SIREN: ${frenchVatNumberOf(siren)} (FR, its key, the SIREN)`);
  }
  return {
    name: value('PLATFORM_LEGAL_NAME', FICTITIOUS.name),
    legalForm: read.string('PLATFORM_LEGAL_FORM', FICTITIOUS.legalForm),
    shareCapitalEuros: read.integer('PLATFORM_SHARE_CAPITAL_EUROS', FICTITIOUS.shareCapitalEuros, { min: 1, max: 1_000_000_000 }),
    siren,
    vatNumber,
    rcsCity: value('PLATFORM_RCS_CITY', FICTITIOUS.rcsCity),
    addressLine: value('PLATFORM_ADDRESS_LINE', FICTITIOUS.addressLine),
    postcode: value('PLATFORM_POSTCODE', FICTITIOUS.postcode),
    city: value('PLATFORM_CITY', FICTITIOUS.city),
  };
}
