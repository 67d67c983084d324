import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PaymentStatus } from './payment.entity';
import { PayoutStatus } from './payouts/payout.entity';
import { RefundCause } from './refunds/refund.entity';

registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: "Where a mission's payment stands.",
  valuesMap: {
    REQUIRES_PAYMENT: {
      description: 'Created at acceptance: the client has not paid yet (they confirm it with Stripe.js and clientSecret).',
    },
    SUCCEEDED: { description: 'The client paid: the platform holds the money until the mission completes.' },
    PARTIALLY_REFUNDED: {
      description:
        "Part of the money was given back (a split settlement, a refund made in Stripe's dashboard); the rest is the provider's.",
    },
    REFUNDED: { description: 'All of the money was given back to the client.' },
    FAILED: { description: 'The last attempt to pay failed (a declined card…): the client may confirm the payment again.' },
    CANCELED: { description: 'The mission was called off before it was paid: its PaymentIntent was canceled at Stripe.' },
  },
});
registerEnumType(PayoutStatus, {
  name: 'PayoutStatus',
  description: 'Where the payout to a provider stands.',
  valuesMap: {
    PENDING: {
      description:
        "The mission completed: the transfer to the provider's Stripe account is due (it waits while their payoutsEnabled is false).",
    },
    TRANSFERRED: { description: "The money was transferred to the provider's Stripe account." },
    PAID_OUT: { description: "Stripe paid it out to the provider's bank." },
    FAILED: { description: 'The transfer failed PAYOUT_MAX_ATTEMPTS times (12 by default): it waits for a moderator (retryPayout).' },
    CANCELED: {
      description:
        'Nothing was left to pay out: the payment was refunded in full at Stripe, or charged back and lost, before the transfer.',
    },
    BANK_PAYOUT_FAILED: {
      description: "Transferred, but the provider's bank returned Stripe's payout: the money waits in their Stripe balance.",
    },
  },
});
registerEnumType(RefundCause, {
  name: 'RefundCause',
  description: 'Why money went back to the client.',
  valuesMap: {
    CALLED_OFF: {
      description:
        'The mission was called off after payment (cancelled, a dispute settled for the client), or its acceptance had lapsed when the payment came in: all that was left.',
    },
    SPLIT_SETTLEMENT: { description: 'A moderator settled a dispute with a split: the part given back to the client.' },
    MADE_AT_STRIPE: { description: "Made outside the API (Stripe's dashboard, Stripe's support), as Stripe reported it." },
  },
});

@ObjectType('Refund', {
  implements: () => [NodeInterface],
  description: 'Money given back to the client for a payment: one per Stripe refund.',
})
export class RefundType {
  @Field(() => ID, { description: "The refund's id." })
  id!: string;

  @Field(() => Int, { description: 'The amount given back, in cents.' })
  amountCents!: number;

  @Field({ description: 'ISO 4217 code of the amount (EUR).' })
  currency!: string;

  @Field(() => RefundCause, { description: 'Why it was given back.' })
  cause!: RefundCause;

  @Field({ description: "Made after the provider's transfer: the platform bore it, the provider kept what they received." })
  afterPayout!: boolean;

  @Field({ description: 'When the refund was recorded.' })
  createdAt!: Date;
}

/** mission and provider are declared by PayoutResolver. */
@ObjectType('Payout', {
  implements: () => [NodeInterface],
  description:
    "What a provider receives for a completed mission: one transfer to their Stripe account. Seen by the provider, the mission's client, and moderators.",
})
export class PayoutType {
  @Field(() => ID, { description: "The payout's id." })
  id!: string;

  @Field(() => Int, { description: 'What the provider receives: what is left of the payment after refunds, less the fee on it.' })
  amountCents!: number;

  @Field(() => Int, { description: "The platform's fee on what the provider receives." })
  platformFeeCents!: number;

  @Field({ description: 'ISO 4217 code of the amounts (EUR).' })
  currency!: string;

  @Field(() => PayoutStatus, { description: 'Where the payout stands.' })
  status!: PayoutStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last transfer attempt failed, if it did. For a CANCELED payout charged back, why nothing was left.',
  })
  failureReason!: string | null;

  @Field(() => Int, { description: 'Transfer attempts made so far, over every retry.' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When the transfer was last attempted.' })
  lastAttemptAt!: Date | null;

  @Field({ description: 'When the mission completed and the payout was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the transfer was made; null before.' })
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
@ObjectType('Payment', {
  implements: () => [NodeInterface],
  description:
    "What the client pays for a mission, created when a bid is accepted and held by the platform until the mission completes. Seen by the mission's client and assigned provider, and by moderators.",
})
export class PaymentType {
  @Field(() => ID, { description: "The payment's id." })
  id!: string;

  @Field(() => Int, { description: "What the client pays, in cents: the accepted bid's amount." })
  amountCents!: number;

  @Field(() => Int, {
    description: "The platform's fee, PLATFORM_FEE_BPS of the amount at acceptance (10 % by default), taken from the provider's side.",
  })
  platformFeeCents!: number;

  @Field(() => Int, { description: 'What the provider is to receive: amountCents less platformFeeCents, before any refund.' })
  providerAmountCents!: number;

  @Field({ description: 'ISO 4217 code of the amounts (EUR).' })
  currency!: string;

  @Field(() => PaymentStatus, { description: 'Where the payment stands.' })
  status!: PaymentStatus;

  @Field(() => Int, { description: 'Given back to the client so far, in all (see refunds).' })
  refundedCents!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'Unpaid by then (PAYMENT_DUE_HOURS after acceptance), the acceptance lapses: the bid EXPIRED, the mission open again.',
  })
  dueAt!: Date | null;

  @Field({ description: 'When the bid was accepted and the payment created.' })
  createdAt!: Date;
}

/** provider is declared by MissionPaymentResolver. */
@ObjectType('LapsedAcceptance', { description: 'A bid accepted for the mission whose payment was not made by its due time.' })
export class LapsedAcceptanceType {
  @Field(() => ID, { description: 'The bid, now EXPIRED.' })
  bidId!: string;

  @Field(() => Int, { description: 'The amount accepted and not paid.' })
  amountCents!: number;

  @Field({ description: 'ISO 4217 code of the amount (EUR).' })
  currency!: string;

  @Field({ description: 'When the acceptance lapsed and the mission was open again.' })
  lapsedAt!: Date;
}

@ObjectType('OnboardingLink', { description: "A link to Stripe's hosted onboarding of the provider's payout account." })
export class OnboardingLinkType {
  @Field({ description: "Stripe's onboarding page: open it in the provider's browser." })
  url!: string;

  @Field({ description: 'When the link stops working: startPayoutOnboarding gives a new one.' })
  expiresAt!: Date;
}
