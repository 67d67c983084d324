import { addMonths, calendarDateOf, parisDateOf, periodProblem } from './calendar-period';

describe('periods of the Paris calendar', () => {
  it('takes real days only', () => {
    expect(calendarDateOf('2026-02-28')).toBe('2026-02-28');
    expect(calendarDateOf('2028-02-29')).toBe('2028-02-29');
    for (const value of ['2026-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00:00Z', '', '1969-12-31']) {
      expect(calendarDateOf(value)).toBeNull();
    }
  });

  it('tells the Paris day of an instant, in winter and in summer', () => {
    expect(parisDateOf(new Date('2026-03-31T21:59:59Z'))).toBe('2026-03-31');
    expect(parisDateOf(new Date('2026-03-31T22:00:00Z'))).toBe('2026-04-01');
    expect(parisDateOf(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(parisDateOf(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('adds months, keeping to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2025-01-01', 24)).toBe('2027-01-01');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('refuses periods inverted, of 24 months or more, or ending after today', () => {
    const rule = { maxMonths: 24, today: '2026-12-01' };
    expect(periodProblem('2025-01-01', '2026-11-30', rule)).toBeNull();
    expect(periodProblem('2024-12-02', '2026-12-01', rule)).toBeNull();
    expect(periodProblem('2024-12-01', '2026-12-01', rule)).toBe('TOO_LONG');
    expect(periodProblem('2026-12-01', '2026-12-01', rule)).toBeNull();
    expect(periodProblem('2026-11-02', '2026-11-01', rule)).toBe('INVERTED');
    expect(periodProblem('2026-11-01', '2026-12-02', rule)).toBe('IN_THE_FUTURE');
    expect(periodProblem('2026-11-01', '2030-01-01', { maxMonths: 120 })).toBeNull();
  });
});
