import { Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { EarningsGranularity, EarningsService } from '@marketplace/earnings';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Dac7DetailsService } from '../details/dac7-details.service';
import { ReportYearNotEndedError } from '../tax-reporting.errors';
import { Dac7Quarter, Dac7Report, Dac7SellerReport } from './dac7-report';
import { dac7Xml } from './dac7-xml';

/** The providers with a PAYOUT movement in the ledger during the Paris calendar year $1. */
const PAID_IN_YEAR_SQL = `
SELECT DISTINCT o.provider_id
  FROM payouts o
  JOIN ledger_entries e ON e.payment_id = o.payment_id AND e.movement = 'PAYOUT'
 WHERE e.created_at >= (make_date($1, 1, 1)::timestamp AT TIME ZONE 'Europe/Paris')
   AND e.created_at < (make_date($1 + 1, 1, 1)::timestamp AT TIME ZONE 'Europe/Paris')
 ORDER BY o.provider_id`;

const YEAR_BOUNDS = `e.created_at >= (make_date($2, 1, 1)::timestamp AT TIME ZONE 'Europe/Paris')
   AND e.created_at < (make_date($2 + 1, 1, 1)::timestamp AT TIME ZONE 'Europe/Paris')`;

/** What was withheld for the URSSAF from provider $1's payouts, per Paris quarter of year $2 (URSSAF_WITHHOLDING). */
const WITHHELD_SQL = `
SELECT extract(quarter FROM e.created_at AT TIME ZONE 'Europe/Paris')::int AS quarter, -sum(e.amount_cents)::bigint AS cents
  FROM payouts o
  JOIN ledger_entries e ON e.payment_id = o.payment_id AND e.movement = 'PAYOUT' AND e.account = 'URSSAF_OWED'
 WHERE o.provider_id = $1 AND ${YEAR_BOUNDS}
 GROUP BY 1`;

/**
 * The annual DAC7 report: every provider paid in the year (all personal services are reportable,
 * whatever the amount: the de minimis is for goods), with their quarters read from the ledger by
 * the same query as `earnings` (EarningsService), so the figures equal the ledger to the cent.
 */
@Injectable()
export class Dac7ReportService {
  constructor(
    private readonly earnings: EarningsService,
    private readonly sellers: Dac7DetailsService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** BAD_USER_INPUT for a year not ended, unless `allowPartial`. */
  async report(year: number, { allowPartial = false } = {}): Promise<Dac7Report> {
    const partial = this.assertReportable(year, allowPartial);
    const rows: { provider_id: string }[] = await this.dataSource.query(PAID_IN_YEAR_SQL, [year]);
    const all = await Promise.all(rows.map(({ provider_id }) => this.sellerReport(provider_id, year)));
    return {
      year,
      partial,
      sellers: all.filter(({ seller }) => seller.missing.length === 0),
      incomplete: all.filter(({ seller }) => seller.missing.length > 0),
    };
  }

  async xml(year: number, options: { allowPartial?: boolean } = {}): Promise<{ report: Dac7Report; xml: string }> {
    const report = await this.report(year, options);
    return { report, xml: dac7Xml(report, this.config.platformLegal, new Date()) };
  }

  /** What the report of an ended year says of the provider (`reported`: whether they are in the file). */
  async statementOf(viewer: Viewer, year: number): Promise<Dac7SellerReport & { year: number; reported: boolean }> {
    this.assertReportable(year, false);
    const report = await this.sellerReport(viewer.id, year);
    return { ...report, year, reported: report.seller.missing.length === 0 && report.quarters.some((q) => q.activities > 0) };
  }

  private assertReportable(year: number, allowPartial: boolean): boolean {
    const partial = Number(this.earnings.today().slice(0, 4)) <= year;
    if (partial && !allowPartial) throw new ReportYearNotEndedError(year);
    return partial;
  }

  private async sellerReport(providerId: string, year: number): Promise<Dac7SellerReport> {
    const [seller, periods, withheld] = await Promise.all([
      this.sellers.sellerOf(providerId),
      this.earnings.periodsOf(providerId, `${year}-01-01`, `${year}-12-31`, EarningsGranularity.QUARTER),
      this.dataSource.query(WITHHELD_SQL, [providerId, year]) as Promise<{ quarter: number; cents: string }[]>,
    ]);
    const quarters: Dac7Quarter[] = periods.map((period, index) => ({
      quarter: (index + 1) as Dac7Quarter['quarter'],
      considerationCents: period.grossCents,
      feesCents: period.feesCents,
      taxesCents: Number(withheld.find((row) => row.quarter === index + 1)?.cents ?? 0),
      activities: period.missionsCompleted,
    }));
    return { seller, quarters, docRefId: `OP_${year}_${this.config.platformLegal.siren}_${providerId}` };
  }
}
