import { ConnectionType, EdgeFields, NodeInterface } from '@marketplace/common';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Place } from './dto/location.input';
import { MissionCategory, MissionStatus } from './mission.entity';

registerEnumType(MissionCategory, {
  name: 'MissionCategory',
  description: 'The kind of work a mission is, or a provider offers.',
  valuesMap: {
    HANDYMAN: { description: 'Small repairs and odd jobs about the house.' },
    MOVING: { description: 'Moving house, carrying heavy things.' },
    CLEANING: { description: 'Cleaning.' },
    GARDENING: { description: 'Gardening and outdoor work.' },
    FURNITURE_ASSEMBLY: { description: 'Assembling furniture.' },
    DELIVERY: { description: 'Picking something up and delivering it.' },
    IT_SUPPORT: { description: 'Help with computers, phones and networks.' },
    TUTORING: { description: 'Lessons and homework help.' },
    PET_CARE: { description: 'Pet sitting and walking.' },
    CHILDCARE: { description: 'Looking after children.' },
    EVENTS: { description: 'Help with parties and events.' },
    OTHER: { description: 'Anything else.' },
  },
});
registerEnumType(MissionStatus, {
  name: 'MissionStatus',
  description: 'Where a mission is in its lifecycle: OPEN, ASSIGNED, DELIVERED, then COMPLETED; DISPUTED and CANCELLED on the way.',
  valuesMap: {
    OPEN: { description: 'Taking bids; the client may edit it while no bid on it is pending.' },
    ASSIGNED: {
      description:
        "A bid was accepted and its provider assigned; the client's payment is due within PAYMENT_DUE_HOURS (24 by default), else it is OPEN again.",
    },
    DELIVERED: {
      description:
        'The provider marked the work done: the client confirms or disputes it, or it completes by itself AUTO_COMPLETE_DAYS (7 by default) after the delivery.',
    },
    COMPLETED: {
      description: "Done: the provider's payout goes, and both sides may rate each other for RATING_WINDOW_DAYS (14 by default). Final.",
    },
    DISPUTED: { description: 'The client disputed the delivery: the payout waits for a moderator (resolveDispute).' },
    CANCELLED: {
      description:
        "Called off (cancelMission, a dispute settled for the client, the client's suspension): a payment made is refunded. Final.",
    },
  },
});

/** A place as the API shows it (a mission's public location, a provider's service area). */
@ObjectType({ isAbstract: true })
export class PlaceType implements Place {
  @Field({ description: 'The town.' })
  city!: string;

  @Field({ description: 'The postcode, in capitals (75011, 2A004).' })
  postcode!: string;

  @Field(() => Float, { description: 'WGS84 latitude, in degrees.' })
  latitude!: number;

  @Field(() => Float, { description: 'WGS84 longitude, in degrees.' })
  longitude!: number;
}

@ObjectType('PublicLocation', {
  description: 'Where a mission takes place, as anyone may see it: coordinates are rounded to about one kilometre.',
})
export class PublicLocationType extends PlaceType {}

@ObjectType('GeoPoint', { description: 'A point on the earth.' })
export class GeoPointType {
  @Field(() => Float, { description: 'WGS84 latitude, in degrees.' })
  latitude!: number;

  @Field(() => Float, { description: 'WGS84 longitude, in degrees.' })
  longitude!: number;
}

/**
 * The public shape of a mission. Fields with visibility rules or relations (client, location,
 * address, bids, payment…) are declared by field resolvers, here and in the libraries that own them.
 */
@ObjectType('Mission', {
  implements: () => [NodeInterface],
  description:
    'An odd job a client posted, for providers to bid on. Once hidden by a moderator, only its client, its assigned provider and moderators see it.',
})
export class MissionType {
  @Field(() => ID, { description: "The mission's id." })
  id!: string;

  @Field({ description: '5 to 120 characters.' })
  title!: string;

  @Field({ description: 'What is to be done, 20 to 5000 characters.' })
  description!: string;

  @Field(() => MissionCategory, { description: 'The kind of work.' })
  category!: MissionCategory;

  @Field(() => MissionStatus, { description: 'Where the mission is in its lifecycle.' })
  status!: MissionStatus;

  @Field(() => Int, { nullable: true, description: "The client's indicative budget, if any. Providers set their own price in their bids." })
  budgetCents!: number | null;

  @Field({ description: "ISO 4217 code of the mission's amounts (EUR)." })
  currency!: string;

  @Field(() => Date, { nullable: true, description: 'When the client would like the work done.' })
  preferredStart!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the client would like the work finished, after preferredStart; null for no end.',
  })
  preferredEnd!: Date | null;

  @Field(() => Int, { description: 'Number of pending and accepted bids.' })
  bidCount!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Distance from the search point, in km, computed on the public (rounded) location; null outside a search near a point.',
    deprecationReason: "Use MissionEdge.distanceKm: the distance depends on the search, and a client's cache keeps one Mission per id.",
  })
  distanceKm?: number;

  @Field({ description: 'When the mission was posted.' })
  createdAt!: Date;

  @Field({ description: 'When the mission last changed.' })
  updatedAt!: Date;
}

@ObjectType('MissionEdge', { description: 'One Mission of a page of a list, with its cursor and, in a search near a point, its distance.' })
export class MissionEdgeType extends EdgeFields(MissionType, 'Mission') {
  @Field(() => Float, {
    nullable: true,
    description:
      "Distance from this search's point to the mission, in km, computed on the public (rounded) location; null outside a search near a point. On the edge, not the Mission, because it belongs to the search.",
  })
  distanceKm?: number | null;
}

export const MissionConnection = ConnectionType(MissionType, 'Mission', MissionEdgeType);
