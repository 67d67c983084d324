/**
 * Periods of the Paris calendar: the dates a provider asks about are the days of their invoices
 * and their bank statements, not UTC days. Dates travel as `YYYY-MM-DD` strings.
 */
export const PARIS = 'Europe/Paris';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real day of the calendar as `YYYY-MM-DD`, or null (2026-02-30 is not one). */
export function calendarDateOf(value: string): string | null {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value : null;
}

/** The day it is in Paris at that instant. */
export function parisDateOf(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PARIS }).format(instant);
}

/** The same day `months` later, on the month's last day when it has fewer (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

export type PeriodProblem = 'INVERTED' | 'TOO_LONG' | 'IN_THE_FUTURE';

/**
 * What is wrong with the days `from` to `to` (both included) as a period to report on, if anything:
 * it ends before it starts, it spans `maxMonths` months or more (`to` must come before the same day
 * `maxMonths` later), or, with `today`, it ends after today.
 */
export function periodProblem(from: string, to: string, { maxMonths, today }: { maxMonths: number; today?: string }): PeriodProblem | null {
  if (to < from) return 'INVERTED';
  if (to >= addMonths(from, maxMonths)) return 'TOO_LONG';
  if (today !== undefined && to > today) return 'IN_THE_FUTURE';
  return null;
}
