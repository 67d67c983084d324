import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BidStatus } from './bid.entity';

registerEnumType(BidStatus, {
  name: 'BidStatus',
  description: 'Where a bid stands. PENDING and ACCEPTED are live: a provider has at most one live bid per mission.',
  valuesMap: {
    PENDING: { description: 'Waiting for the client; its provider may change or withdraw it.' },
    ACCEPTED: { description: "The client accepted it: its provider is assigned to the mission, the client's payment is due." },
    DECLINED: {
      description: "While it was pending, another bid was accepted or the mission was cancelled (its client's suspension included).",
    },
    WITHDRAWN: { description: 'Its provider withdrew it (or their account was suspended) while it was pending.' },
    EXPIRED: { description: 'Accepted, but the client did not pay within PAYMENT_DUE_HOURS: the mission is open again.' },
  },
});

/** Relations and the provider-only money fields are declared by BidResolver. */
@ObjectType('Bid', {
  implements: () => [NodeInterface],
  description: "A provider's sealed offer on a mission, at the price they choose: seen by its provider and by the mission's client only.",
})
export class BidType {
  @Field(() => ID, { description: "The bid's id." })
  id!: string;

  @Field(() => Int, { description: "The provider's price for the whole mission." })
  amountCents!: number;

  @Field({ description: 'ISO 4217 code of the amounts (EUR).' })
  currency!: string;

  @Field({ description: "The provider's message to the client, 10 to 2000 characters." })
  message!: string;

  @Field(() => Float, { nullable: true, description: "The provider's estimate of the work, 0.25 to 200 hours; null when they gave none." })
  estimatedHours!: number | null;

  @Field(() => BidStatus, { description: 'Where the bid stands.' })
  status!: BidStatus;

  @Field({ description: 'When the bid was placed.' })
  createdAt!: Date;

  @Field({ description: 'When the bid last changed (its amount, message, estimate or status).' })
  updatedAt!: Date;
}

export const BidConnection = ConnectionType(BidType, 'Bid');
