import { NotFoundError, Role, Viewer } from '@marketplace/common';
import { Bid, BidStatus } from './bid.entity';
import { assertChangeableBy, bidChangesFrom, feesShownTo, seesEveryBidOn } from './bid-rules';
import { BidNotPendingError, NotBidProviderError } from './bids.errors';

const client: Viewer = { id: 'client', roles: [Role.CLIENT] };
const provider: Viewer = { id: 'provider', roles: [Role.CLIENT, Role.PROVIDER] };
const rival: Viewer = { id: 'rival', roles: [Role.CLIENT, Role.PROVIDER] };
const moderator: Viewer = { id: 'moderator', roles: [Role.CLIENT, Role.MODERATOR] };
const admin: Viewer = { id: 'admin', roles: [Role.CLIENT, Role.ADMIN] };

function aBid(changes: Partial<Bid> = {}): Bid {
  return {
    id: 'bid',
    missionId: 'mission',
    providerId: provider.id,
    amountCents: 12_000,
    currency: 'EUR',
    message: 'Disponible samedi matin, avec mes outils.',
    estimatedHours: 3,
    status: BidStatus.PENDING,
    createdAt: new Date('2026-12-01T10:00:00Z'),
    updatedAt: new Date('2026-12-01T10:00:00Z'),
    ...changes,
  };
}

describe('changing or withdrawing a bid', () => {
  it('is for its provider while it is pending', () => {
    expect(() => assertChangeableBy(provider, aBid(), true)).not.toThrow();
  });

  it('is refused to anyone else (FORBIDDEN), the client and moderators included', () => {
    for (const viewer of [client, rival, moderator, admin]) {
      expect(() => assertChangeableBy(viewer, aBid(), true)).toThrow(NotBidProviderError);
    }
  });

  it('is refused once the bid is no longer pending (CONFLICT)', () => {
    for (const status of [BidStatus.ACCEPTED, BidStatus.DECLINED, BidStatus.WITHDRAWN, BidStatus.EXPIRED]) {
      expect(() => assertChangeableBy(provider, aBid({ status }), true)).toThrow(BidNotPendingError);
    }
  });

  it('finds nothing (NOT_FOUND) when the bid does not exist, or its mission was hidden from its provider', () => {
    expect(() => assertChangeableBy(provider, null, false)).toThrow(NotFoundError);
    expect(() => assertChangeableBy(provider, aBid(), false)).toThrow(NotFoundError);
    expect(() => assertChangeableBy(provider, aBid({ status: BidStatus.DECLINED }), false)).toThrow(NotFoundError);
  });

  it('changes only what is given, and null clears the estimate', () => {
    expect(bidChangesFrom({})).toEqual({});
    expect(bidChangesFrom({ amountCents: 9_000 })).toEqual({ amountCents: 9_000 });
    expect(bidChangesFrom({ message: 'Je peux venir dès lundi matin.', estimatedHours: null })).toEqual({
      message: 'Je peux venir dès lundi matin.',
      estimatedHours: null,
    });
    expect(bidChangesFrom({ amountCents: 9_000, message: 'Je peux venir dès lundi.', estimatedHours: 2 })).toEqual({
      amountCents: 9_000,
      message: 'Je peux venir dès lundi.',
      estimatedHours: 2,
    });
  });
});

describe('sealed bids', () => {
  const mission = { clientId: client.id };

  it("show the mission's client every bid on it", () => {
    expect(seesEveryBidOn(client, mission)).toBe(true);
  });

  it('show anyone else only their own bids, moderators and admins included', () => {
    for (const viewer of [provider, rival, moderator, admin]) expect(seesEveryBidOn(viewer, mission)).toBe(false);
  });
});

describe('the fee shown on a bid', () => {
  it('is shown to its provider with what they receive: the amount less the fee', () => {
    expect(feesShownTo(provider, aBid(), 1000)).toEqual({ platformFeeCents: 1_200, providerReceivesCents: 10_800 });
    expect(feesShownTo(provider, aBid({ amountCents: 505 }), 1000)).toEqual({ platformFeeCents: 51, providerReceivesCents: 454 });
    expect(feesShownTo(provider, aBid(), 0)).toEqual({ platformFeeCents: 0, providerReceivesCents: 12_000 });
  });

  it('follows the rate of the moment it is read (the payment keeps the one of the acceptance)', () => {
    expect(feesShownTo(provider, aBid(), 1250)).toEqual({ platformFeeCents: 1_500, providerReceivesCents: 10_500 });
  });

  it('is hidden from everyone else, the client and anonymous visitors included', () => {
    for (const viewer of [client, rival, moderator, admin, undefined]) expect(feesShownTo(viewer, aBid(), 1000)).toBeNull();
  });
});
