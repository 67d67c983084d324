/**
 * The rules of bids that are decisions rather than statements: who may change a bid, what a change
 * changes, who sees which bids and the money fields. Placing, accepting and withdrawing are
 * statements on the mission row (BidsService); their limits on amounts, messages and hours are
 * the inputs' validators (dto/) and the table's CHECKs.
 */
import { NotFoundError, platformFeeCents, Viewer } from '@marketplace/common';
import { Mission } from '@marketplace/missions';
import { Bid, BidStatus } from './bid.entity';
import { BidNotPendingError, NotBidProviderError } from './bids.errors';
import { UpdateBidInput } from './dto/update-bid.input';

/**
 * Only its provider changes or withdraws a bid (FORBIDDEN for anyone else), and only while it is
 * PENDING (CONFLICT after). A bid on a mission hidden from its provider (they were not hired) is
 * NOT_FOUND for them, as the mission is.
 */
export function assertChangeableBy(provider: Viewer, bid: Bid | null, missionVisibleToProvider: boolean): asserts bid is Bid {
  if (!bid) throw new NotFoundError('Bid');
  if (bid.providerId !== provider.id) throw new NotBidProviderError();
  if (!missionVisibleToProvider) throw new NotFoundError('Bid');
  if (bid.status !== BidStatus.PENDING) throw new BidNotPendingError();
}

/** Only what is given changes; null clears the estimate (amount and message cannot be cleared: the input refuses null). */
export function bidChangesFrom(input: UpdateBidInput): Partial<Pick<Bid, 'amountCents' | 'message' | 'estimatedHours'>> {
  const changes: Partial<Pick<Bid, 'amountCents' | 'message' | 'estimatedHours'>> = {};
  if (input.amountCents !== undefined) changes.amountCents = input.amountCents;
  if (input.message !== undefined) changes.message = input.message;
  if (input.estimatedHours !== undefined) changes.estimatedHours = input.estimatedHours;
  return changes;
}

/**
 * Sealed bids: a mission's client sees every bid on it; anyone else, moderators included, sees
 * only their own (an anonymous visitor none at all).
 */
export function seesEveryBidOn(viewer: Viewer, mission: Pick<Mission, 'clientId'>): boolean {
  return mission.clientId === viewer.id;
}

/** The platform's fee and what the provider receives, shown to the bid's provider alone (null for anyone else, the client included). */
export function feesShownTo(
  viewer: Viewer | undefined,
  bid: Pick<Bid, 'providerId' | 'amountCents'>,
  feeBps: number,
): { platformFeeCents: number; providerReceivesCents: number } | null {
  if (viewer?.id !== bid.providerId) return null;
  const fee = platformFeeCents(bid.amountCents, feeBps);
  return { platformFeeCents: fee, providerReceivesCents: bid.amountCents - fee };
}
