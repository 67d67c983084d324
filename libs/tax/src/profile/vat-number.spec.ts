import { isValidFrenchVatNumber } from './vat-number';

describe('French VAT numbers', () => {
  it('accept FR, the key (12 + 3 × (SIREN mod 97)) mod 97, the SIREN', () => {
    expect(isValidFrenchVatNumber('FR83404833048')).toBe(true);
    expect(isValidFrenchVatNumber('FR11123456782')).toBe(true);
  });

  it('refuse a wrong key, a SIREN failing its checksum, or another shape', () => {
    expect(isValidFrenchVatNumber('FR84404833048')).toBe(false);
    expect(isValidFrenchVatNumber('FR12000000001')).toBe(false);
    expect(isValidFrenchVatNumber('DE83404833048')).toBe(false);
    expect(isValidFrenchVatNumber('FR8340483304')).toBe(false);
  });
});
