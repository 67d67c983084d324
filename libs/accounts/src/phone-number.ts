import { BadUserInputError } from '@marketplace/common';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Accepts real numbers, international (+33 6 12 34 56 78, 0033 6…) or French national ones
 * (06 12 34 56 78, the marketplace's home), checked against each country's numbering plan
 * (libphonenumber's full metadata), and returns E.164: +33612345678. Extensions are refused:
 * what is stored is a number one can dial.
 */
export function normalizePhoneNumber(input: string): string {
  const parsed = parsePhoneNumberFromString(input, { defaultCountry: 'FR', extract: false });
  if (!parsed?.isValid() || parsed.ext) {
    throw BadUserInputError.forField('phone', 'must be a phone number such as +33 6 12 34 56 78 or 06 12 34 56 78');
  }
  return parsed.number;
}
