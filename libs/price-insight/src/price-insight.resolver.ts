import { CurrentViewer, hasRole, RequestLoaders, Role, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { IdentityStatus, IdentityVerificationsService } from '@marketplace/identity';
import { Mission, MissionType } from '@marketplace/missions';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { PriceInsightArgs } from './dto/price-insight.args';
import { PriceArea } from './price-area';
import { PriceInsight, PriceInsightService } from './price-insight.service';
import { PriceInsightType } from './price-insight.type';

@Resolver(() => PriceInsightType)
export class PriceInsightResolver {
  constructor(private readonly insights: PriceInsightService) {}

  @Query(() => PriceInsightType, {
    nullable: true,
    description:
      'Signed-in users (a client posting a mission, a provider pricing a bid): the fair-price insight of a category around a point; null while fewer than 10 distinct providers or 10 distinct clients are in its sample. BAD_USER_INPUT for a radius not in (0, 50] km.',
  })
  priceInsight(@Args() { category, near, radiusKm }: PriceInsightArgs): Promise<PriceInsight | null> {
    return this.insights.near(category, near, radiusKm);
  }
}

/** Mission.priceInsight: for its client, and for the providers who may bid on it. */
@Resolver(() => MissionType)
export class MissionPriceInsightResolver {
  constructor(
    private readonly insights: PriceInsightService,
    private readonly verifications: IdentityVerificationsService,
    private readonly loaders: RequestLoaders,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @ResolveField(() => PriceInsightType, {
    nullable: true,
    description:
      "The fair-price insight of the mission's category within 10 km of it (see priceInsight): for its client, and, while it is OPEN, for providers who may bid (identity approved when BIDDING_REQUIRES_VERIFIED_IDENTITY is on); null for anyone else, and while the sample is too small.",
  })
  async priceInsight(
    @Parent() mission: Mission,
    @Context('req') req: Request,
    @CurrentViewer() viewer?: Viewer,
  ): Promise<PriceInsight | null> {
    const area = this.insights.shownOn(mission, viewer, await this.mayBid(req, viewer));
    if (!area) return null;
    return this.loaders.get(req, 'priceInsightByArea', (areas: readonly PriceArea[]) => this.insights.insightsFor(areas)).load(area);
  }

  /** Whether the viewer is a provider allowed to bid at all (the mission's own rules are shownOn's). */
  private async mayBid(req: Request, viewer: Viewer | undefined): Promise<boolean> {
    if (!viewer || !hasRole(viewer, Role.PROVIDER)) return false;
    if (!this.config.biddingRequiresVerifiedIdentity) return true;
    const status = await this.loaders
      .get(req, 'identityStatusByUser', (ids: readonly string[]) => this.verifications.statusesOf(ids))
      .load(viewer.id);
    return status === IdentityStatus.APPROVED;
  }
}
