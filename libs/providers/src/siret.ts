import { hasValidLuhnChecksum } from '@marketplace/common';

/**
 * SIRET, the French business establishment number: 14 digits whose Luhn checksum is valid.
 * (La Poste's establishments use another rule; they do not register as micro-entrepreneurs.)
 */
export function normalizeSiret(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

export function isValidSiret(siret: string): boolean {
  return /^\d{14}$/.test(siret) && hasValidLuhnChecksum(siret);
}

/** SIREN, the business's own number (the first 9 digits of each of its SIRETs): 9 digits whose Luhn checksum is valid. */
export function isValidSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && hasValidLuhnChecksum(siren);
}

export function sirenOf(siret: string): string {
  return siret.slice(0, 9);
}

/** The SIRET that 13 digits start, with the one check digit that makes it valid (for demo data). */
export function completeSiret(first13Digits: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    if (isValidSiret(`${first13Digits}${digit}`)) return `${first13Digits}${digit}`;
  }
  throw new Error(`Not 13 digits: ${first13Digits}`);
}
