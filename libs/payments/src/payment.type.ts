import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PaymentStatus } from './payment.entity';
import { PayoutStatus } from './payouts/payout.entity';
import { RefundCause } from './refunds/refund.entity';

registerEnumType(PaymentStatus, { name: 'PaymentStatus' });
registerEnumType(PayoutStatus, { name: 'PayoutStatus' });
registerEnumType(RefundCause, { name: 'RefundCause' });

@ObjectType('Refund', { implements: () => [NodeInterface] })
export class RefundType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  amountCents!: number;

  @Field()
  currency!: string;

  @Field(() => RefundCause)
  cause!: RefundCause;

  @Field({ description: "Made after the provider's transfer: the platform bore it, the provider kept what they received." })
  afterPayout!: boolean;

  @Field()
  createdAt!: Date;
}

/** mission and provider are declared by PayoutResolver. */
@ObjectType('Payout', { implements: () => [NodeInterface] })
export class PayoutType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'What the provider receives: what is left of the payment after refunds, less the fee on it.' })
  amountCents!: number;

  @Field(() => Int, { description: "The platform's fee on what the provider receives." })
  platformFeeCents!: number;

  @Field()
  currency!: string;

  @Field(() => PayoutStatus)
  status!: PayoutStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last transfer attempt failed, if it did; for a CANCELED payout charged back, why nothing was left.',
  })
  failureReason!: string | null;

  @Field(() => Int, { description: 'Transfer attempts made so far, over every retry.' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When the transfer was last attempted.' })
  lastAttemptAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  transferredAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Why the provider's bank returned the payout (BANK_PAYOUT_FAILED): Stripe's failure code and message. The money is in the provider's Stripe balance and goes out again once they update their bank details.",
  })
  bankFailureReason!: string | null;
}

export const PayoutConnection = ConnectionType(PayoutType, 'Payout');

/** clientSecret and payout are declared by PaymentResolver. */
@ObjectType('Payment', { implements: () => [NodeInterface] })
export class PaymentType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  amountCents!: number;

  @Field(() => Int)
  platformFeeCents!: number;

  @Field(() => Int)
  providerAmountCents!: number;

  @Field()
  currency!: string;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => Int, { description: 'Given back to the client so far, in all (see refunds).' })
  refundedCents!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'Unpaid by then (PAYMENT_DUE_HOURS after acceptance), the acceptance lapses: the bid EXPIRED, the mission open again.',
  })
  dueAt!: Date | null;

  @Field()
  createdAt!: Date;
}

/** provider is declared by MissionPaymentResolver. */
@ObjectType('LapsedAcceptance', { description: 'A bid accepted for the mission whose payment was not made by its due time.' })
export class LapsedAcceptanceType {
  @Field(() => ID, { description: 'The bid, now EXPIRED.' })
  bidId!: string;

  @Field(() => Int, { description: 'The amount accepted and not paid.' })
  amountCents!: number;

  @Field()
  currency!: string;

  @Field({ description: 'When the acceptance lapsed and the mission was open again.' })
  lapsedAt!: Date;
}

@ObjectType('OnboardingLink')
export class OnboardingLinkType {
  @Field()
  url!: string;

  @Field()
  expiresAt!: Date;
}
