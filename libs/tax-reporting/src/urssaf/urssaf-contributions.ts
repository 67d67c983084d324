import { ActivityType, applyRate, TaxYear } from '@marketplace/tax';

/** What a turnover owes the URSSAF at a year's rates (tax-rates.ts): contributions, the income tax under the versement libératoire, the CFP. */
export interface UrssafAmounts {
  contributionRateBasisPoints: number;
  contributionsCents: number;
  /** Null without the versement libératoire option. */
  incomeTaxRateBasisPoints: number | null;
  incomeTaxCents: number;
  trainingRateBasisPoints: number;
  trainingCents: number;
  totalCents: number;
}

/** Each part rounded half up to the cent on its own, as the URSSAF form computes each box. */
export function urssafAmountsOf(
  turnoverCents: number,
  year: TaxYear,
  activity: ActivityType,
  versementLiberatoire: boolean,
): UrssafAmounts {
  const contributionRateBasisPoints = year.contributionRateBasisPoints[activity];
  const incomeTaxRateBasisPoints = versementLiberatoire ? year.versementLiberatoireRateBasisPoints[activity] : null;
  const trainingRateBasisPoints = year.trainingContributionRateBasisPoints[activity];
  const contributionsCents = applyRate(turnoverCents, contributionRateBasisPoints);
  const incomeTaxCents = incomeTaxRateBasisPoints === null ? 0 : applyRate(turnoverCents, incomeTaxRateBasisPoints);
  const trainingCents = applyRate(turnoverCents, trainingRateBasisPoints);
  return {
    contributionRateBasisPoints,
    contributionsCents,
    incomeTaxRateBasisPoints,
    incomeTaxCents,
    trainingRateBasisPoints,
    trainingCents,
    totalCents: contributionsCents + incomeTaxCents + trainingCents,
  };
}
