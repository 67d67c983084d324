import { CalendarDate } from '@marketplace/earnings';
import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RevenueThresholds } from '../tax-rates';
import { isOverMajore } from './threshold-rules';
import { ThresholdStanding } from './thresholds.service';

@ObjectType('ThresholdFigures', { description: 'The three thresholds a micro-entrepreneur is measured against, in cents.' })
export class ThresholdFiguresType {
  @Field(() => Int, { description: 'VAT franchise base threshold: a year over it ends the franchise on the next 1 January.' })
  vatFranchiseBaseCents!: number;

  @Field(() => Int, { description: 'VAT franchise majoré threshold: going over it ends the franchise that very day.' })
  vatFranchiseMajoreCents!: number;

  @Field(() => Int, { description: 'The micro-enterprise ceiling (micro-BIC / micro-BNC).' })
  microCeilingCents!: number;
}

@ObjectType('Thresholds', {
  description:
    "A provider's revenue of a calendar year (Paris time) against the VAT franchise thresholds and the micro ceiling of tax-rates.ts, exact to the cent.",
})
export class ThresholdsType {
  @Field(() => Int, { description: 'The calendar year.' })
  year!: number;

  @Field(() => Int, {
    description:
      'Received through the platform: the gross (the price after refunds, the platform fee included) of the payouts made to the provider in the year, as earnings counts them.',
  })
  platformRevenueCents!: number;

  @Field(() => Int, {
    description: 'Received outside the platform, as the provider declared it for this year (updateTaxProfile); 0 otherwise.',
  })
  offPlatformRevenueCents!: number;

  @Field(() => Int, { description: 'The whole revenue of the year: platformRevenueCents + offPlatformRevenueCents.' })
  revenueCents!: number;

  @Field(() => ThresholdFiguresType, { description: 'The thresholds applied: the stricter of fullYear and prorated.' })
  applied!: RevenueThresholds;

  @Field(() => ThresholdFiguresType, { description: "The year's thresholds as written." })
  fullYear!: RevenueThresholds;

  @Field(() => ThresholdFiguresType, {
    nullable: true,
    description: 'In the year the activity started, every threshold prorated by its days of activity (rounded down); null in other years.',
  })
  prorated!: RevenueThresholds | null;

  @Field(() => Int, { description: 'The revenue as basis points of the applied base threshold (10000 = 100 %), rounded down.' })
  baseBasisPoints!: number;

  @Field(() => Int, { nullable: true, description: "Last year's revenue; null when the table has no row for last year." })
  lastYearRevenueCents!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether last year's revenue was over last year's base threshold: then no franchise from 1 January. Null when unknown.",
  })
  lastYearOverBase!: boolean | null;

  @Field(() => CalendarDate, {
    nullable: true,
    description: 'The day the VAT franchise ended, as recorded on the tax profile; null while it holds.',
  })
  franchiseEndedOn!: string | null;

  @Field({ description: 'Whether the VAT franchise still holds this year: not over the majoré threshold, last year not over the base.' })
  vatFranchiseHolds!: boolean;

  @Field({ description: 'Whether revenueCents is over the applied micro ceiling.' })
  overMicroCeiling!: boolean;
}

export function thresholdsView(standing: ThresholdStanding): ThresholdsType {
  const { applied, fullYear, prorated } = standing.readings;
  const endedLately = !!standing.franchiseEndedOn && standing.franchiseEndedOn >= `${standing.year - 1}-01-01`;
  return {
    year: standing.year,
    platformRevenueCents: standing.platformRevenueCents,
    offPlatformRevenueCents: standing.offPlatformRevenueCents,
    revenueCents: standing.revenueCents,
    applied,
    fullYear,
    prorated,
    baseBasisPoints: Math.floor((standing.revenueCents * 10_000) / applied.vatFranchiseBaseCents),
    lastYearRevenueCents: standing.lastYear?.revenueCents ?? null,
    lastYearOverBase: standing.lastYear?.overBase ?? null,
    franchiseEndedOn: standing.franchiseEndedOn,
    vatFranchiseHolds: !endedLately && !standing.lastYear?.overBase && !isOverMajore(standing.revenueCents, applied),
    overMicroCeiling: standing.revenueCents > applied.microCeilingCents,
  };
}

export enum WarnedThreshold {
  VAT_FRANCHISE_MAJORE = 'VAT_FRANCHISE_MAJORE',
  MICRO_CEILING = 'MICRO_CEILING',
}

registerEnumType(WarnedThreshold, {
  name: 'WarnedThreshold',
  description: 'A threshold a bid, if accepted, would take its provider over.',
  valuesMap: {
    VAT_FRANCHISE_MAJORE: {
      description: 'The VAT franchise ends the day of the crossing: this mission and the next are invoiced with VAT.',
    },
    MICRO_CEILING: { description: 'The micro-enterprise ceiling: two years over it in a row end the micro regime.' },
  },
});

@ObjectType('ThresholdWarning', { description: 'What accepting the bid would cross, from the revenue received this year so far.' })
export class ThresholdWarningType {
  @Field(() => WarnedThreshold, { description: 'The lowest threshold crossed.' })
  threshold!: WarnedThreshold;

  @Field(() => Int, { description: 'The threshold, as applied to the provider this year.' })
  thresholdCents!: number;

  @Field(() => Int, { description: 'The revenue received this year so far (Thresholds.revenueCents).' })
  revenueCents!: number;

  @Field(() => Int, { description: 'The revenue received this year so far plus the bid amount.' })
  revenueIfAcceptedCents!: number;
}
