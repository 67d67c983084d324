import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ChargebackStatus } from './chargeback.entity';

registerEnumType(ChargebackStatus, {
  name: 'ChargebackStatus',
  description: 'Where a card chargeback stands.',
  valuesMap: {
    OPEN: { description: "The client's bank is taking the money back; the card network has not decided. The payout waits." },
    WON: { description: 'Decided for the platform: the money came back (or an inquiry closed without a chargeback).' },
    LOST: { description: 'Decided for the cardholder: the money stays gone; the payout is of what is left.' },
  },
});

/** payment and mission are declared by ChargebackResolver. */
@ObjectType('Chargeback', {
  implements: () => [NodeInterface],
  description: "A card chargeback: the client's bank took the payment back (Stripe's dispute).",
})
export class ChargebackType {
  @Field(() => ID, { description: "The chargeback's id." })
  id!: string;

  @Field({ description: "Stripe's id of the dispute (dp_…), to find it in Stripe's dashboard." })
  stripeDisputeId!: string;

  @Field(() => Int, { description: 'The amount taken back, in cents.' })
  amountCents!: number;

  @Field({ description: 'ISO 4217 code of the amount (EUR).' })
  currency!: string;

  @Field({ description: "The reason the client's bank gave, in Stripe's words (fraudulent, product_not_received…)." })
  reason!: string;

  @Field(() => ChargebackStatus, { description: 'Where the chargeback stands.' })
  status!: ChargebackStatus;

  @Field({ description: "When the client's bank opened it." })
  openedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was decided (WON or LOST); null while OPEN.' })
  closedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When Stripe took the amount from the platform's balance." })
  fundsWithdrawnAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When Stripe gave it back (won).' })
  fundsReinstatedAt!: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Set once the money was withdrawn: true when the provider's transfer had been made already, so the money was the platform's loss (recovering it from the provider is a moderator's decision), false when it came out of the money held for the client.",
  })
  afterPayout!: boolean | null;
}

export const ChargebackConnection = ConnectionType(ChargebackType, 'Chargeback');
