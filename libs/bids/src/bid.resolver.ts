import { RateLimit, User, UsersLoader, UserType } from '@marketplace/accounts';
import {
  assertUuid,
  Connection,
  CurrentViewer,
  emptyConnection,
  FieldContext,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  RequestLoaders,
  RequireRoles,
  Role,
  Viewer,
  viewerOf,
} from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Mission, MissionsLoader, MissionsService, MissionType } from '@marketplace/missions';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { Request } from 'express';
import { Bid, BidStatus } from './bid.entity';
import { feesShownTo } from './bid-rules';
import { BidConnection, BidType } from './bid.type';
import { BidsService } from './bids.service';
import { AcceptBidArgs } from './dto/accept-bid.args';
import { PlaceBidInput } from './dto/place-bid.input';
import { UpdateBidInput } from './dto/update-bid.input';

@Resolver(() => BidType)
export class BidResolver {
  constructor(
    private readonly bids: BidsService,
    private readonly missions: MissionsLoader,
    private readonly users: UsersLoader,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @RateLimit('bid')
  @RequireRoles(Role.PROVIDER)
  @Mutation(() => BidType, {
    description:
      'Providers only (FORBIDDEN otherwise, and while their identity is not APPROVED when BIDDING_REQUIRES_VERIFIED_IDENTITY is on, the default): a PENDING bid on an OPEN mission. NOT_FOUND for a mission that does not exist or is hidden, FORBIDDEN on their own mission, CONFLICT when the mission is not OPEN or they have a live bid on it. TOO_MANY_REQUESTS past RATE_LIMIT_BID_PER_USER (100 an hour by default, placeBid and updateBid together).',
  })
  placeBid(@CurrentViewer() viewer: Viewer, @Args('input', { description: 'The bid.' }) input: PlaceBidInput): Promise<Bid> {
    return this.bids.place(viewer, input);
  }

  @RateLimit('bid')
  @RequireRoles(Role.PROVIDER)
  @Mutation(() => BidType, {
    description:
      "Its provider changes a PENDING bid: FORBIDDEN for anyone else, CONFLICT once it is not PENDING. Counts against placeBid's hourly limit.",
  })
  updateBid(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID, description: "The bid's id." }) id: string,
    @Args('input', { description: 'The fields to change.' }) input: UpdateBidInput,
  ): Promise<Bid> {
    return this.bids.update(viewer, assertUuid(id), input);
  }

  @RequireRoles(Role.PROVIDER)
  @Mutation(() => BidType, {
    description:
      'Its provider withdraws a PENDING bid (WITHDRAWN): FORBIDDEN for anyone else, CONFLICT once it is not PENDING. They may bid on the mission again.',
  })
  withdrawBid(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID, description: "The bid's id." }) id: string): Promise<Bid> {
    return this.bids.withdraw(viewer, assertUuid(id));
  }

  @Mutation(() => MissionType, {
    description:
      "The mission's client accepts a PENDING bid, all at once: the bid ACCEPTED, every other pending bid DECLINED, the mission ASSIGNED, and its Payment created (confirm it with Stripe.js and Payment.clientSecret). FORBIDDEN for anyone else; CONFLICT when the mission is no longer OPEN or is hidden, or the bid is not PENDING: of concurrent acceptances, one wins.",
  })
  acceptBid(@CurrentViewer() viewer: Viewer, @Args() { id, expectedAmountCents }: AcceptBidArgs): Promise<Mission> {
    return this.bids.accept(viewer, id.toLowerCase(), expectedAmountCents ?? null);
  }

  @Query(() => BidConnection, {
    description: 'Bids the viewer placed, newest first. Not those on a mission hidden from them (they were not hired).',
  })
  myBids(
    @CurrentViewer() viewer: Viewer,
    @Args('status', { type: () => BidStatus, nullable: true, description: 'Only bids in this status; all of them when omitted.' })
    status: BidStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<Bid>> {
    return this.bids.listOfProvider(viewer, status, first ?? 20, after);
  }

  @Subscription(() => BidType, {
    description:
      "The bid after each change of its status (accepted, declined, withdrawn, expired), as the viewer may see it, from now on: for its provider and the mission's client. NOT_FOUND for a bid the viewer may not see, which ends the subscription.",
    resolve: (bid: Bid) => bid,
  })
  bidUpdated(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID, description: "The bid's id." }) id: string,
  ): Promise<AsyncIterableIterator<Bid>> {
    return this.bids.follow(viewer, assertUuid(id));
  }

  @ResolveField(() => MissionType, { description: 'The mission bid on.' })
  mission(bid: Bid, _args: unknown, { req }: FieldContext): Promise<Mission> {
    const viewer = viewerOf(req);
    return this.missions.load(req, viewer, bid.missionId);
  }

  @ResolveField(() => UserType, { description: 'The provider who placed the bid.' })
  provider(bid: Bid, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, bid.providerId);
  }

  @ResolveField(() => Int, { nullable: true, description: 'Visible to the provider who placed the bid.' })
  platformFeeCents(bid: Bid, _args: unknown, { req }: FieldContext): number | null {
    const viewer = viewerOf(req);
    return feesShownTo(viewer, bid, this.config.platformFeeBps)?.platformFeeCents ?? null;
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Visible to the provider who placed the bid: what they receive once the mission is completed.',
  })
  providerReceivesCents(bid: Bid, _args: unknown, { req }: FieldContext): number | null {
    const viewer = viewerOf(req);
    return feesShownTo(viewer, bid, this.config.platformFeeBps)?.providerReceivesCents ?? null;
  }
}

/** The bids on a mission, sealed: the client sees all of them, a provider only their own. */
@Resolver(() => MissionType)
export class MissionBidsResolver {
  constructor(
    private readonly bidsService: BidsService,
    private readonly missions: MissionsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => BidConnection, { description: 'The client sees every bid; a provider sees only their own; anyone else sees none.' })
  bids(
    @Parent() mission: Mission,
    @Context('req') req: Request,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
    @CurrentViewer() viewer?: Viewer,
  ): Promise<Connection<Bid>> {
    if (!viewer) return Promise.resolve(emptyConnection<Bid>());
    const request = { first: first ?? 20, after };
    return this.loaders
      .get(req, `bidsOnMissions:${request.first}:${after ?? ''}`, (missions: readonly Mission[]) =>
        this.bidsService.pagesOnMissions(viewer, missions, request),
      )
      .load(mission);
  }

  @ResolveField(() => BidType, { nullable: true, description: "The viewer's own bid on this mission, if any." })
  myBid(mission: Mission, _args: unknown, { req }: FieldContext): Promise<Bid | null> | null {
    const viewer = viewerOf(req);
    if (!viewer) return null;
    return this.loaders
      .get(req, 'latestBidOfViewer', (missionIds: readonly string[]) => this.bidsService.latestOfProviderOn(viewer.id, missionIds))
      .load(mission.id);
  }

  @ResolveField(() => BidType, { nullable: true, description: 'Visible to the client and the assigned provider.' })
  acceptedBid(mission: Mission, _args: unknown, { req }: FieldContext): Promise<Bid> | null {
    const viewer = viewerOf(req);
    if (!mission.acceptedBidId || !this.missions.isParty(mission, viewer)) return null;
    return this.loaders
      .get(req, 'bidsById', async (ids: readonly string[]) => {
        const bids = new Map((await this.bidsService.findByIds(ids)).map((bid) => [bid.id, bid]));
        return ids.map((id) => bids.get(id) ?? new Error(`Bid ${id} is missing`));
      })
      .load(mission.acceptedBidId);
  }
}
