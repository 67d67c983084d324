import { ActivityType } from '../tax-rates';
import { activeDaysOfStartYear, alertsReached, isOverMajore, ThresholdAlert, thresholdReadings } from './threshold-rules';

describe('threshold rules', () => {
  it('apply the year’s figures as written after the start year', () => {
    const readings = thresholdReadings(2026, ActivityType.BNC_SSI, '2024-05-02');
    expect(readings.prorated).toBeNull();
    expect(readings.applied).toEqual({
      vatFranchiseBaseCents: 3_750_000,
      vatFranchiseMajoreCents: 4_125_000,
      microCeilingCents: 8_360_000,
    });
  });

  it('prorate every figure by the days of activity in the start year, rounding down, and apply the lower reading', () => {
    expect(activeDaysOfStartYear(2026, '2026-07-01')).toBe(184);
    expect(activeDaysOfStartYear(2026, '2026-01-01')).toBe(365);
    expect(activeDaysOfStartYear(2028, '2028-12-31')).toBe(1);
    const readings = thresholdReadings(2026, ActivityType.BIC_SERVICES, '2026-07-01');
    // 3 750 000 × 184 / 365 = 1 890 410.9…; 4 125 000 × 184 / 365 = 2 079 452.05…; 8 360 000 × 184 / 365 = 4 214 356.1…
    expect(readings.prorated).toEqual({
      vatFranchiseBaseCents: 1_890_410,
      vatFranchiseMajoreCents: 2_079_452,
      microCeilingCents: 4_214_356,
    });
    expect(readings.applied).toEqual(readings.prorated);
    expect(readings.fullYear.vatFranchiseMajoreCents).toBe(4_125_000);
  });

  it('use the sales figures for sales, and the services ones (the lower) without a profile', () => {
    expect(thresholdReadings(2026, ActivityType.SALES, null).applied.vatFranchiseMajoreCents).toBe(9_350_000);
    expect(thresholdReadings(2026, null, null).applied.vatFranchiseMajoreCents).toBe(4_125_000);
  });

  it('reach each alert at its level, the majoré one only once over it', () => {
    const { applied } = thresholdReadings(2026, ActivityType.BIC_SERVICES, null);
    expect(alertsReached(2_999_999, applied)).toEqual([]);
    expect(alertsReached(3_000_000, applied)).toEqual([ThresholdAlert.BASE_80]);
    expect(alertsReached(3_375_000, applied)).toEqual([ThresholdAlert.BASE_80, ThresholdAlert.BASE_90]);
    expect(alertsReached(3_918_750, applied)).toEqual([
      ThresholdAlert.BASE_80,
      ThresholdAlert.BASE_90,
      ThresholdAlert.BASE_100,
      ThresholdAlert.MAJORE_NEAR,
    ]);
    expect(isOverMajore(4_125_000, applied)).toBe(false);
    expect(alertsReached(4_125_001, applied)).toEqual([
      ThresholdAlert.BASE_80,
      ThresholdAlert.BASE_90,
      ThresholdAlert.BASE_100,
      ThresholdAlert.MAJORE_CROSSED,
    ]);
  });
});
