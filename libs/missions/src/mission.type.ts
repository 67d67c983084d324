import { ConnectionType } from '@marketplace/common';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Place } from './dto/location.input';
import { MissionCategory, MissionStatus } from './mission.entity';

registerEnumType(MissionCategory, { name: 'MissionCategory' });
registerEnumType(MissionStatus, { name: 'MissionStatus' });

/** A place as the API shows it (a mission's public location, a provider's service area). */
@ObjectType({ isAbstract: true })
export class PlaceType implements Place {
  @Field()
  city!: string;

  @Field()
  postcode!: string;

  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;
}

@ObjectType('PublicLocation', {
  description: 'Where a mission takes place, as anyone may see it: coordinates are rounded to about one kilometre.',
})
export class PublicLocationType extends PlaceType {}

@ObjectType('GeoPoint')
export class GeoPointType {
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;
}

/**
 * The public shape of a mission. Fields with visibility rules or relations (client, location,
 * address, bids, payment…) are declared by field resolvers, here and in the libraries that own them.
 */
@ObjectType('Mission')
export class MissionType {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => MissionCategory)
  category!: MissionCategory;

  @Field(() => MissionStatus)
  status!: MissionStatus;

  @Field(() => Int, { nullable: true, description: "The client's indicative budget, if any. Providers set their own price in their bids." })
  budgetCents!: number | null;

  @Field()
  currency!: string;

  @Field(() => Date, { nullable: true, description: 'When the client would like the work done.' })
  preferredStart!: Date | null;

  @Field(() => Date, { nullable: true })
  preferredEnd!: Date | null;

  @Field(() => Int, { description: 'Number of pending and accepted bids.' })
  bidCount!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Distance from the search point, in km, computed on the public (rounded) location; null outside a search near a point.',
  })
  distanceKm?: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

export const MissionConnection = ConnectionType(MissionType, 'Mission');
