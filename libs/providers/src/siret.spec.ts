import { isValidSiren, isValidSiret, normalizeSiret, sirenOf } from './siret';

describe('SIRET', () => {
  it('accepts 14 digits with a valid Luhn checksum', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
  });

  it('refuses a wrong checksum, a wrong length and anything but digits', () => {
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('732829320000744')).toBe(false);
    expect(isValidSiret('7328293200007a')).toBe(false);
  });

  it('reads the number as people write it, with spaces, dots or dashes', () => {
    expect(normalizeSiret('732 829 320 00074')).toBe('73282932000074');
    expect(normalizeSiret('732.829.320-00074')).toBe('73282932000074');
  });

  it('checks a SIREN the same way, on 9 digits, and finds it at the head of a SIRET', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren(sirenOf('73282932000074'))).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
  });
});
