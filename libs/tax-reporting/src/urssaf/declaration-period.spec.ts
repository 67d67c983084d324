import { declarationPeriodOf } from './declaration-period';
import { urssafAmountsOf } from './urssaf-contributions';
import { ActivityType, taxYear } from '@marketplace/tax';

describe('a URSSAF declaration period', () => {
  it('is a month, due the last day of the next month', () => {
    expect(declarationPeriodOf('2026-11')).toEqual({
      label: '2026-11',
      frequency: 'MONTHLY',
      year: 2026,
      from: '2026-11-01',
      to: '2026-11-30',
      deadline: '2026-12-31',
    });
    expect(declarationPeriodOf('2026-12')?.deadline).toBe('2027-01-31');
    expect(declarationPeriodOf('2028-01')?.deadline).toBe('2028-02-29');
  });

  it('is a quarter, due 30 April, 31 July, 31 October or 31 January', () => {
    expect(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((label) => declarationPeriodOf(label)?.deadline)).toEqual([
      '2026-04-30',
      '2026-07-31',
      '2026-10-31',
      '2027-01-31',
    ]);
    expect(declarationPeriodOf('2026-Q4')).toMatchObject({ frequency: 'QUARTERLY', from: '2026-10-01', to: '2026-12-31' });
  });

  it('names nothing else', () => {
    for (const label of ['2026-13', '2026-Q5', '2026-Q0', '26-Q1', '2026-4', 'Q4-2026', '']) expect(declarationPeriodOf(label)).toBeNull();
  });
});

describe('what a turnover owes the URSSAF', () => {
  it('applies the year’s rates, each part rounded to the cent, the income tax only under the option', () => {
    const year = taxYear(2026);
    expect(urssafAmountsOf(123_457, year, ActivityType.BIC_SERVICES, true)).toEqual({
      contributionRateBasisPoints: 2120,
      contributionsCents: 26_173,
      incomeTaxRateBasisPoints: 170,
      incomeTaxCents: 2_099,
      trainingRateBasisPoints: 20,
      trainingCents: 247,
      totalCents: 28_519,
    });
    expect(urssafAmountsOf(123_457, year, ActivityType.BNC_SSI, false)).toMatchObject({
      contributionsCents: 31_605,
      incomeTaxRateBasisPoints: null,
      incomeTaxCents: 0,
    });
  });
});
