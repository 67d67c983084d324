import { frenchVatNumberOf } from '@marketplace/config';
import { isValidSiren } from '@marketplace/providers';

/** A French VAT number: FR, its two-digit key, and a SIREN (itself Luhn-checked) the key was computed from. */
export function isValidFrenchVatNumber(vatNumber: string): boolean {
  const match = /^FR\d{2}(\d{9})$/.exec(vatNumber);
  return !!match && isValidSiren(match[1]) && frenchVatNumberOf(match[1]) === vatNumber;
}
