import { vatIncludedIn } from './vat-breakdown';

describe('VAT included in an amount', () => {
  it('splits the default fee of a 120 € mission into 10,00 € net and 2,00 € of VAT', () => {
    expect(vatIncludedIn(1_200, 20)).toEqual({ netCents: 1_000, taxCents: 200 });
  });

  it('always adds up to the amount, its tax within a cent of net × 20 %', () => {
    for (let totalCents = 0; totalCents <= 20_000; totalCents++) {
      const { netCents, taxCents } = vatIncludedIn(totalCents, 20);
      expect(netCents + taxCents).toBe(totalCents);
      expect(Math.abs(taxCents - netCents * 0.2)).toBeLessThan(1);
    }
  });

  it('rounds half up where the tax falls on half a cent', () => {
    expect(vatIncludedIn(3, 20)).toEqual({ netCents: 2, taxCents: 1 });
    expect(vatIncludedIn(9, 20)).toEqual({ netCents: 7, taxCents: 2 });
  });
});
