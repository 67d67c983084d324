import { ActivityType, TAX_YEARS, UnknownTaxYearError, applyRate, taxYear, thresholdsFor } from './tax-rates';

describe('tax rates', () => {
  it('has one row per year, in order, each with its sources', () => {
    const years = TAX_YEARS.map((row) => row.year);
    expect(years).toEqual([...years].sort());
    expect(new Set(years).size).toBe(years.length);
    for (const row of TAX_YEARS) expect(row.sources.length).toBeGreaterThan(0);
  });

  it('gives 2026’s service thresholds and rates', () => {
    expect(thresholdsFor(2026, ActivityType.BNC_SSI)).toEqual({
      vatFranchiseBaseCents: 3_750_000,
      vatFranchiseMajoreCents: 4_125_000,
      microCeilingCents: 8_360_000,
    });
    expect(thresholdsFor(2026, ActivityType.SALES).microCeilingCents).toBe(20_310_000);
    expect(taxYear(2026).contributionRateBasisPoints[ActivityType.BIC_SERVICES]).toBe(2120);
    expect(taxYear(2025).contributionRateBasisPoints[ActivityType.BNC_SSI]).toBe(2460);
  });

  it('refuses a year it does not know rather than guessing', () => {
    expect(() => taxYear(2031)).toThrow(UnknownTaxYearError);
  });

  it('applies a rate in integer cents, rounding half up', () => {
    expect(applyRate(10_000, 2120)).toBe(2120);
    expect(applyRate(1_25, 2120)).toBe(27); // 26.5 → 27
    expect(applyRate(0, 2560)).toBe(0);
  });
});
