import { EarningsPeriod } from '../earnings.service';

export type StatementTotals = Pick<EarningsPeriod, 'grossCents' | 'feesCents' | 'netCents' | 'missionsCompleted'>;

/** A month's line of a statement; `month` is `YYYY-MM`. */
export type StatementMonth = StatementTotals & Pick<EarningsPeriod, 'from' | 'to'> & { month: string };

/** What an income statement attests, frozen and signed when it is issued. */
export interface IncomeStatementFacts {
  statementId: string;
  verificationCode: string;
  issuedAt: string;
  provider: { id: string; name: string };
  period: { from: string; to: string };
  currency: 'EUR';
  months: StatementMonth[];
  totals: StatementTotals;
}

export function statementMonthsOf(periods: EarningsPeriod[]): { months: StatementMonth[]; totals: StatementTotals } {
  const months = periods.map(({ from, to, grossCents, feesCents, netCents, missionsCompleted }) => ({
    month: from.slice(0, 7),
    from,
    to,
    grossCents,
    feesCents,
    netCents,
    missionsCompleted,
  }));
  const totals = months.reduce(
    (sum, month) => ({
      grossCents: sum.grossCents + month.grossCents,
      feesCents: sum.feesCents + month.feesCents,
      netCents: sum.netCents + month.netCents,
      missionsCompleted: sum.missionsCompleted + month.missionsCompleted,
    }),
    { grossCents: 0, feesCents: 0, netCents: 0, missionsCompleted: 0 },
  );
  return { months, totals };
}
