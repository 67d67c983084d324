/**
 * How long something is kept, in the calendar's units: years and months move the date in the
 * calendar (UTC), so "5 years" ends on the same day five years on (the month's last day when that
 * day does not exist: never early); days are 24 hours.
 */
export interface RetentionPeriod {
  readonly years?: number;
  readonly months?: number;
  readonly days?: number;
  readonly hours?: number;
}

/** Nothing is kept once the thing has ended (a window closed, a link expired). */
export const AT_ONCE: RetentionPeriod = {};

const UNITS = ['years', 'months', 'days', 'hours'] as const;

/** The instant `period` before `now`: what ended before it is past its retention. */
export function periodBefore(now: Date, period: RetentionPeriod): Date {
  const cutoff = new Date(now.getTime());
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - (period.years ?? 0), cutoff.getUTCMonth() - (period.months ?? 0));
  const daysInMonth = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, daysInMonth));
  return new Date(cutoff.getTime() - ((period.days ?? 0) * 24 + (period.hours ?? 0)) * 3_600_000);
}

/** "5 years", "6 months", "30 days", "at once": for logs and the record of processing. */
export function describePeriod(period: RetentionPeriod): string {
  const parts = UNITS.filter((unit) => (period[unit] ?? 0) > 0).map((unit) => {
    const amount = period[unit]!;
    return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
  });
  return parts.length === 0 ? 'at once' : parts.join(' ');
}

/** Whether every unit is a whole number, none negative. */
export function isWellFormedPeriod(period: RetentionPeriod): boolean {
  return UNITS.every((unit) => period[unit] === undefined || (Number.isInteger(period[unit]) && period[unit]! >= 0));
}
