/**
 * The thresholds a provider's year revenue is measured against, and what crossing them means:
 * pure functions of the table in tax-rates.ts, in integer cents.
 */
import { ActivityType, RevenueThresholds, thresholdsFor } from '../tax-rates';

/** The thresholds of a year as the rules read them, and the ones applied (the stricter). */
export interface ThresholdReadings {
  /** The year's figures as written. */
  fullYear: RevenueThresholds;
  /** Prorated by the days of activity, in the year the activity started; null in any other year. */
  prorated: RevenueThresholds | null;
  /** The lower of the two, figure by figure: what the platform applies. */
  applied: RevenueThresholds;
}

export function daysInYear(year: number): number {
  return (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
}

/** Days from the activity's start to 31 December, both included, in the year it started; null in any other year. */
export function activeDaysOfStartYear(year: number, activityStartedOn: string | null): number | null {
  if (!activityStartedOn?.startsWith(`${year}-`)) return null;
  return (Date.UTC(year + 1, 0, 1) - Date.parse(`${activityStartedOn}T00:00:00Z`)) / 86_400_000;
}

/** Each figure × days / days of the year, rounded down: the stricter rounding. */
function prorate(thresholds: RevenueThresholds, days: number, yearDays: number): RevenueThresholds {
  const part = (cents: number) => Math.floor((cents * days) / yearDays);
  return {
    vatFranchiseBaseCents: part(thresholds.vatFranchiseBaseCents),
    vatFranchiseMajoreCents: part(thresholds.vatFranchiseMajoreCents),
    microCeilingCents: part(thresholds.microCeilingCents),
  };
}

/**
 * The year's thresholds for the activity. In the start year the micro ceiling is prorated (CGI 50-0,
 * 102 ter), and so is the VAT franchise (CIBS): whether that also holds for the in-year majoré test
 * or only for next year's base test is unsettled, so both are computed and the lower applies.
 * Without a tax profile the services figures (the lower ones) apply, unprorated.
 */
export function thresholdReadings(year: number, activityType: ActivityType | null, activityStartedOn: string | null): ThresholdReadings {
  const fullYear = thresholdsFor(year, activityType ?? ActivityType.BIC_SERVICES);
  const days = activeDaysOfStartYear(year, activityStartedOn);
  const prorated = days === null ? null : prorate(fullYear, days, daysInYear(year));
  const applied = prorated
    ? {
        vatFranchiseBaseCents: Math.min(fullYear.vatFranchiseBaseCents, prorated.vatFranchiseBaseCents),
        vatFranchiseMajoreCents: Math.min(fullYear.vatFranchiseMajoreCents, prorated.vatFranchiseMajoreCents),
        microCeilingCents: Math.min(fullYear.microCeilingCents, prorated.microCeilingCents),
      }
    : fullYear;
  return { fullYear, prorated, applied };
}

/** The alerts a provider gets once a year each, in the order they are reached. */
export enum ThresholdAlert {
  BASE_80 = 'BASE_80',
  BASE_90 = 'BASE_90',
  BASE_100 = 'BASE_100',
  /** 95 % of the majoré threshold: the next missions may end the franchise. */
  MAJORE_NEAR = 'MAJORE_NEAR',
  /** Over the majoré threshold: the franchise ended that day. */
  MAJORE_CROSSED = 'MAJORE_CROSSED',
}

/** Each alert's level, in basis points of its threshold; reached at or above it (MAJORE_CROSSED: strictly above). */
const ALERT_LEVELS: { alert: ThresholdAlert; threshold: keyof RevenueThresholds; basisPoints: number }[] = [
  { alert: ThresholdAlert.BASE_80, threshold: 'vatFranchiseBaseCents', basisPoints: 8000 },
  { alert: ThresholdAlert.BASE_90, threshold: 'vatFranchiseBaseCents', basisPoints: 9000 },
  { alert: ThresholdAlert.BASE_100, threshold: 'vatFranchiseBaseCents', basisPoints: 10_000 },
  { alert: ThresholdAlert.MAJORE_NEAR, threshold: 'vatFranchiseMajoreCents', basisPoints: 9500 },
];

/**
 * The alerts `revenueCents` has reached against `thresholds`. Over the majoré threshold, the
 * crossing replaces the warning that it is near: a provider who jumps past both is told once, truly.
 */
export function alertsReached(revenueCents: number, thresholds: RevenueThresholds): ThresholdAlert[] {
  const reached = ALERT_LEVELS.filter(({ threshold, basisPoints }) => revenueCents * 10_000 >= thresholds[threshold] * basisPoints).map(
    ({ alert }) => alert,
  );
  if (!isOverMajore(revenueCents, thresholds)) return reached;
  return [...reached.filter((alert) => alert !== ThresholdAlert.MAJORE_NEAR), ThresholdAlert.MAJORE_CROSSED];
}

/** The franchise ends the day revenue goes over the majoré threshold (reaching it exactly keeps it). */
export function isOverMajore(revenueCents: number, thresholds: RevenueThresholds): boolean {
  return revenueCents > thresholds.vatFranchiseMajoreCents;
}
