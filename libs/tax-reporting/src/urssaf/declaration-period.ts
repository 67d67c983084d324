/** A URSSAF declaration period: a month ("2026-11") or a quarter ("2026-Q4"), with its days and its deadline. */
export interface DeclarationPeriod {
  label: string;
  frequency: 'MONTHLY' | 'QUARTERLY';
  year: number;
  /** First and last day, YYYY-MM-DD (Paris calendar). */
  from: string;
  to: string;
  /** The last day to declare and pay: the last day of the month after the period (for quarters: 30 April, 31 July, 31 October, 31 January). */
  deadline: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
/** The last day of the month `monthIndex` (0-based, may overflow into the next year) of `year`. */
const lastDayOf = (year: number, monthIndex: number) => day(new Date(Date.UTC(year, monthIndex + 1, 0)));

/** The period a label names, or null when it names none. */
export function declarationPeriodOf(label: string): DeclarationPeriod | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (!month && !quarter) return null;
  const year = Number((month ?? quarter)![1]);
  const [firstMonth, months] = month ? [Number(month[2]) - 1, 1] : [(Number(quarter![2]) - 1) * 3, 3];
  const lastMonth = firstMonth + months - 1;
  return {
    label,
    frequency: month ? 'MONTHLY' : 'QUARTERLY',
    year,
    from: day(new Date(Date.UTC(year, firstMonth, 1))),
    to: lastDayOf(year, lastMonth),
    deadline: lastDayOf(year, lastMonth + 1),
  };
}
