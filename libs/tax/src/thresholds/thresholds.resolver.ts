import { Bid, BidStatus, BidType } from '@marketplace/bids';
import { CurrentViewer, RequestLoaders, RequireRoles, Role, Viewer } from '@marketplace/common';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { knownTaxYear } from '../tax-rates';
import { isOverMajore } from './threshold-rules';
import { ThresholdStanding, ThresholdsService } from './thresholds.service';
import { ThresholdsType, thresholdsView, ThresholdWarningType, WarnedThreshold } from './thresholds.types';

@Resolver()
export class ThresholdsResolver {
  constructor(private readonly standings: ThresholdsService) {}

  @RequireRoles(Role.PROVIDER)
  @Query(() => ThresholdsType, {
    description:
      'Providers: their revenue of that calendar year against the VAT franchise thresholds and the micro ceiling. BAD_USER_INPUT for a year with no rates row.',
  })
  async thresholds(
    @CurrentViewer() viewer: Viewer,
    @Args('year', { type: () => Int, description: 'A calendar year, e.g. 2026.' }) year: number,
  ): Promise<ThresholdsType> {
    return thresholdsView(await this.standings.thresholdsOf(viewer.id, year));
  }
}

/** `Bid.thresholdWarning`, from each provider's standing read once per request. */
@Resolver(() => BidType)
export class BidThresholdWarningResolver {
  constructor(
    private readonly thresholds: ThresholdsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => ThresholdWarningType, {
    nullable: true,
    description:
      "To the bid's provider only, while it is PENDING: the threshold accepting it would take their revenue of this year over (the VAT franchise's majoré threshold, or the micro ceiling); null when none, or for anyone else.",
  })
  async thresholdWarning(
    @Parent() bid: Bid,
    @Context('req') req: Request,
    @CurrentViewer() viewer?: Viewer,
  ): Promise<ThresholdWarningType | null> {
    if (viewer?.id !== bid.providerId || bid.status !== BidStatus.PENDING) return null;
    const year = Number(this.thresholds.today().slice(0, 4));
    // A year the table does not know has no thresholds to watch (as at completion): no warning, never an error on the bid.
    if (!knownTaxYear(year)) return null;
    const standing = await this.loaders
      .get(req, 'thresholdStandingByProvider', (ids: readonly string[]) =>
        Promise.all(ids.map((id) => this.thresholds.thresholdsOf(id, year))),
      )
      .load(bid.providerId);
    return warningOf(standing, bid.amountCents);
  }
}

function warningOf(standing: ThresholdStanding, amountCents: number): ThresholdWarningType | null {
  const { applied } = standing.readings;
  const revenueIfAcceptedCents = standing.revenueCents + amountCents;
  const franchiseHolds = !standing.franchiseEndedOn && !standing.lastYear?.overBase;
  const crossed =
    franchiseHolds && !isOverMajore(standing.revenueCents, applied) && isOverMajore(revenueIfAcceptedCents, applied)
      ? { threshold: WarnedThreshold.VAT_FRANCHISE_MAJORE, thresholdCents: applied.vatFranchiseMajoreCents }
      : standing.revenueCents <= applied.microCeilingCents && revenueIfAcceptedCents > applied.microCeilingCents
        ? { threshold: WarnedThreshold.MICRO_CEILING, thresholdCents: applied.microCeilingCents }
        : null;
  return crossed && { ...crossed, revenueCents: standing.revenueCents, revenueIfAcceptedCents };
}
