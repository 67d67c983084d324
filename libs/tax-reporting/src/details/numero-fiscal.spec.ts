import { isValidNumeroFiscal, normalizeNumeroFiscal } from './numero-fiscal';

describe('the numéro fiscal', () => {
  it('is 13 digits whose first is 0 to 3, spaces and dots aside', () => {
    expect(isValidNumeroFiscal(normalizeNumeroFiscal('30 23 217 600 053'))).toBe(true);
    expect(isValidNumeroFiscal('0123456789012')).toBe(true);
  });

  it('is refused with another first digit, another length, or letters', () => {
    expect(isValidNumeroFiscal('4023217600053')).toBe(false);
    expect(isValidNumeroFiscal('302321760005')).toBe(false);
    expect(isValidNumeroFiscal('30232176000531')).toBe(false);
    expect(isValidNumeroFiscal('30232176000A3')).toBe(false);
  });
});
