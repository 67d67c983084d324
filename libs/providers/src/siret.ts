/**
 * SIRET, the French business establishment number: 14 digits whose Luhn checksum is valid.
 * (La Poste's establishments use another rule; they do not register as micro-entrepreneurs.)
 */
export function normalizeSiret(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let digit = Number(siret[13 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The SIRET that 13 digits start, with the one check digit that makes it valid (for demo data). */
export function completeSiret(first13Digits: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    if (isValidSiret(`${first13Digits}${digit}`)) return `${first13Digits}${digit}`;
  }
  throw new Error(`Not 13 digits: ${first13Digits}`);
}
