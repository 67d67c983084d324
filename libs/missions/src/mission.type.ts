import { ConnectionType, EdgeFields, NodeInterface } from '@marketplace/common';
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
@ObjectType('Mission', { implements: () => [NodeInterface] })
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
    deprecationReason: "Use MissionEdge.distanceKm: the distance depends on the search, and a client's cache keeps one Mission per id.",
  })
  distanceKm?: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('MissionEdge')
export class MissionEdgeType extends EdgeFields(MissionType) {
  @Field(() => Float, {
    nullable: true,
    description:
      "Distance from this search's point to the mission, in km, computed on the public (rounded) location; null outside a search near a point. On the edge, not the Mission, because it belongs to the search.",
  })
  distanceKm?: number | null;
}

export const MissionConnection = ConnectionType(MissionType, 'Mission', MissionEdgeType);
