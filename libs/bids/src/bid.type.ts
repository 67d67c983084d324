import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BidStatus } from './bid.entity';

registerEnumType(BidStatus, { name: 'BidStatus' });

/** Relations and the provider-only money fields are declared by BidResolver. */
@ObjectType('Bid', { implements: () => [NodeInterface] })
export class BidType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "The provider's price for the whole mission." })
  amountCents!: number;

  @Field()
  currency!: string;

  @Field()
  message!: string;

  @Field(() => Float, { nullable: true })
  estimatedHours!: number | null;

  @Field(() => BidStatus)
  status!: BidStatus;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

export const BidConnection = ConnectionType(BidType, 'Bid');
