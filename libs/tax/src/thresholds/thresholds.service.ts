import { Clock } from '@marketplace/common';
import { EarningsGranularity, EarningsService, parisDateOf } from '@marketplace/earnings';
import { NotificationKind, Notifier } from '@marketplace/notifications';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TaxProfile } from '../profile/tax-profile.entity';
import { TaxProfilesService } from '../profile/tax-profiles.service';
import { knownTaxYear } from '../tax-rates';
import { taxYearOrRefuse } from '../tax-year';
import { ThresholdAlertSent } from './threshold-alert.entity';
import { alertsReached, isOverMajore, ThresholdAlert, ThresholdReadings, thresholdReadings } from './threshold-rules';

/** A provider's revenue of a calendar year against that year's thresholds. */
export interface ThresholdStanding {
  year: number;
  /** Received through the platform: the gross (fee included, refunds out) of the payouts made in the year, as in earnings. */
  platformRevenueCents: number;
  /** Declared by the provider for that year (0 when their declaration is for another year). */
  offPlatformRevenueCents: number;
  revenueCents: number;
  readings: ThresholdReadings;
  /** Last year's revenue against last year's base threshold; null when the table has no row for last year. */
  lastYear: { revenueCents: number; vatFranchiseBaseCents: number; overBase: boolean } | null;
  /** The day the franchise ended, in this year or from an earlier one; null while it holds. */
  franchiseEndedOn: string | null;
}

/** The threshold an alert is about. */
const THRESHOLD_OF: Record<ThresholdAlert, 'vatFranchiseBaseCents' | 'vatFranchiseMajoreCents'> = {
  BASE_80: 'vatFranchiseBaseCents',
  BASE_90: 'vatFranchiseBaseCents',
  BASE_100: 'vatFranchiseBaseCents',
  MAJORE_NEAR: 'vatFranchiseMajoreCents',
  MAJORE_CROSSED: 'vatFranchiseMajoreCents',
};

/**
 * Where a provider stands against the VAT franchise and the micro ceiling, read from the ledger
 * inside the caller's transaction, and what crossing a threshold does: an alert once a year each,
 * and on the day the majoré threshold is crossed (or on 1 January after a year over the base), the
 * end of the franchise recorded on the tax profile. Every step for a provider holds their lock, so
 * two payouts recorded at once read each other's revenue.
 */
@Injectable()
export class ThresholdsService {
  constructor(
    private readonly earnings: EarningsService,
    private readonly profiles: TaxProfilesService,
    private readonly notifier: Notifier,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** BAD_USER_INPUT for a year the table has no row for. */
  async thresholdsOf(providerId: string, year: number): Promise<ThresholdStanding> {
    taxYearOrRefuse(year);
    return this.standingOf(this.dataSource.manager, providerId, year, await this.profiles.findFor(providerId));
  }

  today(): string {
    return parisDateOf(this.clock.now());
  }

  async standingOf(manager: EntityManager, providerId: string, year: number, profile: TaxProfile | null): Promise<ThresholdStanding> {
    const revenueOf = async (of: number) => {
      const [period] = await this.earnings.periodsOf(providerId, `${of}-01-01`, `${of}-12-31`, EarningsGranularity.YEAR, manager);
      const offPlatform = profile?.offPlatformRevenueYear === of ? profile.offPlatformRevenueCents : 0;
      return { platform: period.grossCents, offPlatform };
    };
    const current = await revenueOf(year);
    const readings = thresholdReadings(year, profile?.activityType ?? null, profile?.activityStartedOn ?? null);
    const lastYearKnown = knownTaxYear(year - 1) !== undefined;
    let lastYear: ThresholdStanding['lastYear'] = null;
    if (lastYearKnown) {
      const previous = await revenueOf(year - 1);
      const base = thresholdReadings(year - 1, profile?.activityType ?? null, profile?.activityStartedOn ?? null).applied
        .vatFranchiseBaseCents;
      const revenueCents = previous.platform + previous.offPlatform;
      lastYear = { revenueCents, vatFranchiseBaseCents: base, overBase: revenueCents > base };
    }
    return {
      year,
      platformRevenueCents: current.platform,
      offPlatformRevenueCents: current.offPlatform,
      revenueCents: current.platform + current.offPlatform,
      readings,
      lastYear,
      franchiseEndedOn: profile?.franchiseEndedOn ?? null,
    };
  }

  /**
   * Revenue was recorded for the provider (a payout made, in its transaction): the alerts its year
   * revenue reached, once each, and the franchise's end if it came to that.
   */
  async revenueRecorded(manager: EntityManager, providerId: string): Promise<void> {
    if (!knownTaxYear(Number(this.today().slice(0, 4)))) return;
    const { standing } = await this.lockedStanding(manager, providerId, this.today());
    for (const alert of alertsReached(standing.revenueCents, standing.readings.applied))
      await this.alertOnce(manager, providerId, standing, alert);
    await this.franchiseEndOf(manager, providerId, standing, 0);
  }

  /**
   * The day the provider's franchise ended, if it did by `day` with the revenue `pending` answers
   * (read under the provider's lock: missions completed at once are counted one after the other),
   * recorded on their tax profile and told once; null while the franchise holds.
   */
  async franchiseEndedBy(
    manager: EntityManager,
    providerId: string,
    day: string,
    pending: () => Promise<number>,
  ): Promise<{ endedOn: string | null; profile: TaxProfile | null }> {
    const { standing, profile } = await this.lockedStanding(manager, providerId, day);
    return { endedOn: await this.franchiseEndOf(manager, providerId, standing, await pending()), profile };
  }

  profileOf(manager: EntityManager, providerId: string): Promise<TaxProfile | null> {
    return this.profiles.findFor(providerId, manager);
  }

  private async lockedStanding(manager: EntityManager, providerId: string, day: string) {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tax-thresholds:' || $1))`, [providerId]);
    const profile = await this.profiles.findFor(providerId, manager);
    return { standing: await this.standingOf(manager, providerId, Number(day.slice(0, 4)), profile), profile };
  }

  private async franchiseEndOf(
    manager: EntityManager,
    providerId: string,
    standing: ThresholdStanding,
    pendingCents: number,
  ): Promise<string | null> {
    const { year } = standing;
    const recorded = standing.franchiseEndedOn;
    if (recorded && recorded >= `${year - 1}-01-01`) return recorded;
    let endedOn: string | null = null;
    if (standing.lastYear?.overBase) endedOn = `${year}-01-01`;
    else if (isOverMajore(standing.revenueCents + pendingCents, standing.readings.applied)) endedOn = this.today();
    if (!endedOn) return null;
    await this.profiles.recordFranchiseEnd(manager, providerId, endedOn);
    await this.alertOnce(
      manager,
      providerId,
      { ...standing, revenueCents: standing.revenueCents + pendingCents, franchiseEndedOn: endedOn },
      ThresholdAlert.MAJORE_CROSSED,
    );
    return endedOn;
  }

  private async alertOnce(manager: EntityManager, providerId: string, standing: ThresholdStanding, alert: ThresholdAlert): Promise<void> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ThresholdAlertSent)
      .values({ userId: providerId, year: standing.year, alert })
      .orIgnore()
      .returning(['alert'])
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return;
    await this.notifier.notify(manager, {
      userId: providerId,
      kind: NotificationKind.TAX_THRESHOLD_ALERT,
      facts: {
        alert,
        year: standing.year,
        revenueCents: standing.revenueCents,
        thresholdCents: standing.readings.applied[THRESHOLD_OF[alert]],
        franchiseEndedOn: standing.franchiseEndedOn ?? '',
      },
    });
  }
}
