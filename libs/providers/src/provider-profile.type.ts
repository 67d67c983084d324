import { MissionCategory, PlaceType } from '@marketplace/missions';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ServiceArea', { description: 'Where a provider works: a town, its postcode, a point, and how far from it.' })
export class ServiceAreaType extends PlaceType {
  @Field(() => Int, { description: 'How far from the point the provider travels, 1 to 100 km.' })
  radiusKm!: number;
}

/** Fields with visibility rules (siret) and derived ones (serviceArea) are declared in ProviderProfileResolver. */
@ObjectType('ProviderProfile', { description: 'What a provider offers and where: public, but for the SIRET.' })
export class ProviderProfileType {
  @Field({ description: 'A one-line pitch, 5 to 80 characters.' })
  headline!: string;

  @Field(() => String, { nullable: true, description: 'A longer presentation, at most 2000 characters; null when there is none.' })
  bio!: string | null;

  @Field(() => [MissionCategory], { description: 'The kinds of work offered, 1 to 5.' })
  categories!: MissionCategory[];

  @Field(() => Int, { nullable: true, description: "The provider's own indicative hourly rate; the platform never sets prices." })
  hourlyRateCents!: number | null;

  @Field({ description: 'ISO 4217 code of hourlyRateCents (EUR).' })
  currency!: string;

  @Field({ description: "True once the provider's payout account can receive transfers." })
  payoutsEnabled!: boolean;
}
