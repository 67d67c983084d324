import { BadUserInputError } from '@marketplace/common';

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Accepts international numbers (+33 6 12 34 56 78, 0033 6…) and French national ones
 * (06 12 34 56 78, the marketplace's home) and returns E.164: +33612345678.
 */
export function normalizePhoneNumber(input: string): string {
  let digits = input.replace(/[\s().-]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  else if (/^0[1-9]\d{8}$/.test(digits)) digits = `+33${digits.slice(1)}`;
  if (!E164.test(digits)) {
    throw BadUserInputError.forField('phone', 'must be a phone number such as +33 6 12 34 56 78 or 06 12 34 56 78');
  }
  return digits;
}
