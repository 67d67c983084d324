import { GeoPointType, MissionCategory } from '@marketplace/missions';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PriceInsight', {
  description:
    'What clients accepted to pay in a category and area over the 12 months before computedAt: quartiles of the accepted bids, to the euro. Only from a sample of at least 10 distinct providers and 10 distinct clients, so no figure is one bid. The area is the one asked, snapped: centre to a 0.05° grid, radius up to 5, 10, 20 or 50 km.',
})
export class PriceInsightType {
  @Field(() => MissionCategory, { description: 'The category of the missions.' })
  category!: MissionCategory;

  @Field(() => GeoPointType, { description: 'The centre of the area answered for: the point asked, snapped to a 0.05° grid.' })
  near!: GeoPointType;

  @Field(() => Float, { description: 'The radius of the area answered for: the one asked, rounded up to 5, 10, 20 or 50 km.' })
  radiusKm!: number;

  @Field(() => Int, { description: '25th percentile of the accepted amounts, in cents (whole euros).' })
  p25AmountCents!: number;

  @Field(() => Int, { description: 'Median of the accepted amounts, in cents (whole euros).' })
  medianAmountCents!: number;

  @Field(() => Int, { description: '75th percentile of the accepted amounts, in cents (whole euros).' })
  p75AmountCents!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Median of amount ÷ estimated hours over the accepted bids that estimated hours, in cents (whole euros); null unless those bids too come from 10 distinct providers and 10 distinct clients.',
  })
  medianHourlyAmountCents!: number | null;

  @Field({ description: 'Always EUR.' })
  currency!: string;

  @Field({ description: 'The sample starts here: 12 months before computedAt.' })
  since!: Date;

  @Field({ description: 'When the aggregate was computed (the refresh job runs every hour): bids accepted since are not counted yet.' })
  computedAt!: Date;
}
