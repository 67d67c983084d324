import { User, UsersLoader, UserType } from '@marketplace/accounts';
import {
  assertUuid,
  Connection,
  CurrentViewer,
  FieldContext,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  RequestLoaders,
  RequireRoles,
  Role,
  Viewer,
  viewerOf,
} from '@marketplace/common';
import { DisputeType, Mission, MissionsLoader, MissionsService, MissionType } from '@marketplace/missions';
import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { StartPayoutOnboardingArgs } from './dto/payout-onboarding.args';
import { Ledger } from './ledger/ledger.service';
import { Payment } from './payment.entity';
import { LapsedAcceptanceType, OnboardingLinkType, PaymentType, PayoutConnection, PayoutType, RefundType } from './payment.type';
import { PaymentsService } from './payments.service';
import { OnboardingLink, PayoutOnboardingService } from './payouts/payout-onboarding.service';
import { Payout } from './payouts/payout.entity';
import { PayoutsService } from './payouts/payouts.service';
import { Refund } from './refunds/refund.entity';
import { RefundsService } from './refunds/refunds.service';

/** A mission's payment, and what lapsed, as its parties see them. */
@Resolver(() => MissionType)
export class MissionPaymentResolver {
  constructor(
    private readonly payments: PaymentsService,
    private readonly missions: MissionsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => PaymentType, { nullable: true, description: 'Visible to the client and the assigned provider.' })
  payment(mission: Mission, _args: unknown, { req }: FieldContext): Promise<Payment | null> | null {
    const viewer = viewerOf(req);
    if (!this.missions.isParty(mission, viewer)) return null;
    return this.loaders.get(req, 'paymentByMission', (ids: readonly string[]) => this.payments.forMissions(ids)).load(mission.id);
  }

  @ResolveField(() => [LapsedAcceptanceType], {
    description:
      "Acceptances that lapsed unpaid after PAYMENT_DUE_HOURS, oldest first: all of them to the mission's client, their own to a provider, none to anyone else.",
  })
  async lapsedAcceptances(mission: Mission, _args: unknown, { req }: FieldContext): Promise<Payment[]> {
    const viewer = viewerOf(req);
    if (!viewer) return [];
    const lapsed = await this.loaders.get(req, 'lapsedByMission', (ids: readonly string[]) => this.payments.lapsedOf(ids)).load(mission.id);
    return lapsed.filter((payment) => viewer.id === mission.clientId || viewer.id === payment.providerId);
  }
}

/** What a moderator settling a dispute sees of the money: the payment (its client secret stays the client's), and its books. */
@Resolver(() => DisputeType)
export class DisputePaymentResolver {
  constructor(
    private readonly payments: PaymentsService,
    private readonly ledger: Ledger,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => PaymentType, { nullable: true, description: "The client's payment for the mission." })
  payment(mission: Mission, _args: unknown, { req }: FieldContext): Promise<Payment | null> {
    return this.loaders.get(req, 'paymentByMission', (ids: readonly string[]) => this.payments.forMissions(ids)).load(mission.id);
  }

  @RequireRoles(Role.MODERATOR)
  @Query(() => [String], {
    description:
      "Moderators only: what ledger:check finds wrong in the books of the mission's payments (balanced, complete, in agreement with its payment, refunds, payout and chargebacks); empty when they are right.",
  })
  async missionLedgerCheck(@Args('missionId', { type: () => ID, description: "The mission's id." }) missionId: string): Promise<string[]> {
    const { problems } = await this.ledger.check(assertUuid(missionId, 'missionId'));
    return problems.map(({ problem }) => problem);
  }
}

@Resolver(() => LapsedAcceptanceType)
export class LapsedAcceptanceResolver {
  constructor(private readonly users: UsersLoader) {}

  @ResolveField(() => UserType, { description: 'The provider whose bid was accepted.' })
  provider(payment: Payment, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, payment.providerId);
  }
}

@Resolver(() => PaymentType)
export class PaymentResolver {
  constructor(
    private readonly payouts: PayoutsService,
    private readonly refundsService: RefundsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Visible to the client only: confirms the payment with Stripe.js. Null for a moment after acceptBid when Stripe is slow to create the payment: query it again.',
  })
  clientSecret(payment: Payment, _args: unknown, { req }: FieldContext): string | null {
    const viewer = viewerOf(req);
    return viewer?.id === payment.clientId ? payment.clientSecret : null;
  }

  @ResolveField(() => PayoutType, { nullable: true, description: "The provider's payout, once the mission completed; null before." })
  payout(payment: Payment, _args: unknown, { req }: FieldContext): Promise<Payout | null> {
    return this.loaders.get(req, 'payoutByPayment', (ids: readonly string[]) => this.payouts.forPayments(ids)).load(payment.id);
  }

  @ResolveField(() => [RefundType], { description: 'Money given back to the client, oldest first: ours and those made at Stripe.' })
  refunds(payment: Payment, _args: unknown, { req }: FieldContext): Promise<Refund[]> {
    return this.loaders.get(req, 'refundsByPayment', (ids: readonly string[]) => this.refundsService.ofPayments(ids)).load(payment.id);
  }
}

@Resolver(() => PayoutType)
export class PayoutResolver {
  constructor(
    private readonly payouts: PayoutsService,
    private readonly onboarding: PayoutOnboardingService,
    private readonly missions: MissionsLoader,
    private readonly users: UsersLoader,
  ) {}

  @Query(() => PayoutConnection, { description: 'Payouts to the viewer as a provider, newest first.' })
  myPayouts(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<Payout>> {
    return this.payouts.listOfProvider(viewer, first ?? 20, after);
  }

  @RequireRoles(Role.MODERATOR)
  @Query(() => PayoutConnection, {
    description:
      'Moderators only: payouts whose transfer failed PAYOUT_MAX_ATTEMPTS times and waits for retryPayout, the longest-failed first.',
  })
  failedPayouts(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<Payout>> {
    return this.payouts.listFailed(first ?? 20, after);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => PayoutType, {
    description:
      'Moderators only, not a party to the mission: a FAILED payout is PENDING again and its transfer retried (same idempotency key, so never twice). CONFLICT unless FAILED.',
  })
  retryPayout(
    @CurrentViewer() moderator: Viewer,
    @Args('id', { type: () => ID, description: "The payout's id." }) id: string,
  ): Promise<Payout> {
    return this.payouts.retry(moderator, assertUuid(id));
  }

  @ResolveField(() => MissionType, { description: 'The mission paid for.' })
  mission(payout: Payout, _args: unknown, { req }: FieldContext): Promise<Mission> {
    const viewer = viewerOf(req);
    return this.missions.load(req, viewer, payout.missionId);
  }

  @ResolveField(() => UserType, { description: 'The provider paid.' })
  provider(payout: Payout, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, payout.providerId);
  }

  @RequireRoles(Role.PROVIDER)
  @Mutation(() => OnboardingLinkType, {
    description:
      "Providers only: creates the viewer's Stripe Connect Express account (once, country FR) and returns a link to Stripe's onboarding; payoutsEnabled turns true once Stripe says the account can receive transfers. FORBIDDEN without a provider profile.",
  })
  startPayoutOnboarding(
    @CurrentViewer() viewer: Viewer,
    @Args() { returnUrl, refreshUrl }: StartPayoutOnboardingArgs,
  ): Promise<OnboardingLink> {
    return this.onboarding.start(viewer, returnUrl, refreshUrl);
  }
}
