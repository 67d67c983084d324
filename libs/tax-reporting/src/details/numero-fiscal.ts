/**
 * The French tax identification number (numéro fiscal, SPI): 13 digits, the first 0 to 3. Only its
 * format is checked: the research the rules come from gives no check-key algorithm, so none is
 * guessed here (an invented key would refuse real numbers).
 */
export function normalizeNumeroFiscal(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

export function isValidNumeroFiscal(value: string): boolean {
  return /^[0-3]\d{12}$/.test(value);
}
