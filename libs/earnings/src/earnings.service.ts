import { Clock, Viewer } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PARIS, parisDateOf, periodProblem } from './calendar-period';
import { InvalidPeriodError } from './earnings.errors';

export enum EarningsGranularity {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

/** The longest span `earnings` reports on: ten years, 120 monthly periods at most. */
export const EARNINGS_MAX_MONTHS = 120;

/** What a provider earned over a period of days of the Paris calendar (both ends included). */
export interface EarningsPeriod {
  from: string;
  to: string;
  grossCents: number;
  feesCents: number;
  netCents: number;
  missionsCompleted: number;
  payoutsPendingCents: number;
  estimatedHours: number | null;
  effectiveHourlyCents: number | null;
}

const STEPS: Record<EarningsGranularity, { unit: string; step: string }> = {
  [EarningsGranularity.MONTH]: { unit: 'month', step: '1 month' },
  [EarningsGranularity.QUARTER]: { unit: 'quarter', step: '3 months' },
  [EarningsGranularity.YEAR]: { unit: 'year', step: '1 year' },
};

/**
 * One row per calendar period overlapping [$2, $3] (clipped to it), in Paris time. A mission counts
 * in the period its provider was paid for it: its PAYOUT movement in the ledger, whose entries say
 * what left the money held for the client (gross), what the platform kept (fees) and what was
 * transferred (net). Refunds and chargebacks after the transfer are the platform's loss (the
 * PLATFORM_LOSSES account) and change nothing here. Payouts not transferred yet are no movement of
 * the ledger: they are counted, apart, in the period their mission completed (the payout's
 * creation). The provider's payouts are where the search starts (their index), the ledger's
 * entries are found through its (payment, movement) index.
 */
const EARNINGS_SQL = `
WITH bounds AS (
  SELECT $2::date AS first_day, $3::date + 1 AS after_last,
         ($2::date::timestamp AT TIME ZONE '${PARIS}') AS starts_at, (($3::date + 1)::timestamp AT TIME ZONE '${PARIS}') AS ends_at
),
periods AS (
  SELECT GREATEST(start::date, bounds.first_day) AS first_day, LEAST((start + $5::interval)::date, bounds.after_last) AS after_last
  FROM bounds, generate_series(date_trunc($4, bounds.first_day::timestamp), (bounds.after_last - 1)::timestamp, $5::interval) AS start
),
paid AS (
  SELECT (min(e.created_at) AT TIME ZONE '${PARIS}')::date AS day,
         sum(e.amount_cents) FILTER (WHERE e.account = 'CLIENT_FUNDS_HELD') AS gross,
         -sum(e.amount_cents) FILTER (WHERE e.account = 'PLATFORM_FEES') AS fees,
         -sum(e.amount_cents) FILTER (WHERE e.account = 'STRIPE_BALANCE') AS net,
         min(b.estimated_hours)::numeric AS hours
  FROM bounds
  JOIN payouts o ON o.provider_id = $1
  JOIN ledger_entries e ON e.payment_id = o.payment_id AND e.movement = 'PAYOUT'
  JOIN payments p ON p.id = o.payment_id
  JOIN bids b ON b.id = p.bid_id
  WHERE e.created_at >= bounds.starts_at AND e.created_at < bounds.ends_at
  GROUP BY e.payment_id
),
pending AS (
  SELECT (o.created_at AT TIME ZONE '${PARIS}')::date AS day, o.amount_cents
  FROM bounds JOIN payouts o ON o.provider_id = $1
  WHERE o.status IN ('PENDING', 'FAILED') AND o.created_at >= bounds.starts_at AND o.created_at < bounds.ends_at
)
SELECT to_char(periods.first_day, 'YYYY-MM-DD') AS "from", to_char(periods.after_last - 1, 'YYYY-MM-DD') AS "to",
       made.gross, made.fees, made.net, made.missions, made.hours,
       round(made.net_estimated / NULLIF(made.hours, 0))::bigint AS hourly,
       waiting.cents AS pending
FROM periods
CROSS JOIN LATERAL (
  SELECT coalesce(sum(gross), 0)::bigint AS gross, coalesce(sum(fees), 0)::bigint AS fees, coalesce(sum(net), 0)::bigint AS net,
         count(*)::int AS missions, sum(net) FILTER (WHERE hours IS NOT NULL) AS net_estimated, sum(hours) AS hours
  FROM paid WHERE paid.day >= periods.first_day AND paid.day < periods.after_last
) made
CROSS JOIN LATERAL (
  SELECT coalesce(sum(amount_cents), 0)::bigint AS cents FROM pending WHERE pending.day >= periods.first_day AND pending.day < periods.after_last
) waiting
ORDER BY periods.first_day`;

interface EarningsRow {
  from: string;
  to: string;
  gross: string;
  fees: string;
  net: string;
  missions: number;
  hours: string | null;
  hourly: string | null;
  pending: string;
}

/** A provider's earnings, read from the ledger in one statement, exact to the cent. */
@Injectable()
export class EarningsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** BAD_USER_INPUT for an inverted period or one of ten years or more; nothing is read then. */
  earningsOf(viewer: Viewer, from: string, to: string, granularity: EarningsGranularity): Promise<EarningsPeriod[]> {
    const problem = periodProblem(from, to, { maxMonths: EARNINGS_MAX_MONTHS });
    if (problem) throw new InvalidPeriodError(problem, { maxMonths: EARNINGS_MAX_MONTHS });
    return this.periodsOf(viewer.id, from, to, granularity);
  }

  /** The day it is in Paris, by the injected clock: a period may not end after it where that matters. */
  today(): string {
    return parisDateOf(this.clock.now());
  }

  /** `manager`: read inside that transaction (it sees the payouts it recorded). */
  async periodsOf(
    providerId: string,
    from: string,
    to: string,
    granularity: EarningsGranularity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<EarningsPeriod[]> {
    const { unit, step } = STEPS[granularity];
    const rows: EarningsRow[] = await manager.query(EARNINGS_SQL, [providerId, from, to, unit, step]);
    return rows.map((row) => ({
      from: row.from,
      to: row.to,
      grossCents: Number(row.gross),
      feesCents: Number(row.fees),
      netCents: Number(row.net),
      missionsCompleted: row.missions,
      payoutsPendingCents: Number(row.pending),
      estimatedHours: row.hours === null ? null : Number(row.hours),
      effectiveHourlyCents: row.hourly === null ? null : Number(row.hourly),
    }));
  }
}
