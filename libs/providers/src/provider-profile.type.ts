import { MissionCategory, PlaceType } from '@marketplace/missions';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ServiceArea')
export class ServiceAreaType extends PlaceType {
  @Field(() => Int)
  radiusKm!: number;
}

/** Fields with visibility rules (siret) and derived ones (serviceArea) are declared in ProviderProfileResolver. */
@ObjectType('ProviderProfile')
export class ProviderProfileType {
  @Field()
  headline!: string;

  @Field(() => String, { nullable: true })
  bio!: string | null;

  @Field(() => [MissionCategory])
  categories!: MissionCategory[];

  @Field(() => Int, { nullable: true, description: "The provider's own indicative hourly rate; the platform never sets prices." })
  hourlyRateCents!: number | null;

  @Field()
  currency!: string;

  @Field({ description: "True once the provider's payout account can receive transfers." })
  payoutsEnabled!: boolean;
}
