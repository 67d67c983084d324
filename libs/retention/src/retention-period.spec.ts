import { describePeriod, isWellFormedPeriod, periodBefore } from './retention-period';

describe('retention periods', () => {
  const now = new Date('2031-03-31T10:00:00.000Z');

  it('count years and months in the calendar, never ending early on a shorter month', () => {
    expect(periodBefore(now, { years: 5 }).toISOString()).toBe('2026-03-31T10:00:00.000Z');
    expect(periodBefore(now, { months: 1 }).toISOString()).toBe('2031-02-28T10:00:00.000Z');
    expect(periodBefore(new Date('2028-08-31T00:00:00Z'), { months: 6 }).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(periodBefore(new Date('2032-02-29T12:00:00Z'), { years: 1 }).toISOString()).toBe('2031-02-28T12:00:00.000Z');
  });

  it('count days and hours as elapsed time, and nothing at all for "at once"', () => {
    expect(periodBefore(now, { days: 30 }).toISOString()).toBe('2031-03-01T10:00:00.000Z');
    expect(periodBefore(now, { hours: 24 }).toISOString()).toBe('2031-03-30T10:00:00.000Z');
    expect(periodBefore(now, {}).getTime()).toBe(now.getTime());
  });

  it('read as words', () => {
    expect([{ years: 5 }, { months: 6 }, { days: 1 }, { hours: 24 }, {}].map(describePeriod)).toEqual([
      '5 years',
      '6 months',
      '1 day',
      '24 hours',
      'at once',
    ]);
  });

  it('are whole, non-negative amounts', () => {
    expect(isWellFormedPeriod({ years: 10 })).toBe(true);
    expect(isWellFormedPeriod({ months: -1 })).toBe(false);
    expect(isWellFormedPeriod({ days: 1.5 })).toBe(false);
  });
});
