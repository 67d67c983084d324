import { AccountsService } from '@marketplace/accounts';
import { Connection, connectionOf, NotFoundError, pageRequest, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { asEntity, columnsAsProperties, pageByTime, timeAndIdOf, Transactions } from '@marketplace/database';
import { IdentityStatus, IdentityVerificationsService } from '@marketplace/identity';
import {
  Mission,
  MissionEvents,
  MissionLifecycle,
  MissionNotices,
  MissionsService,
  MissionStep,
  MissionUpdates,
} from '@marketplace/missions';
import { NotificationKind } from '@marketplace/notifications';
import { RealtimeEvents, RealtimeTopic } from '@marketplace/realtime';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Bid, BidStatus } from './bid.entity';
import { assertChangeableBy, bidChangesFrom, seesEveryBidOn } from './bid-rules';
import { BidAmountChangedError, BidNotPendingError, IdentityNotVerifiedError, LiveBidExistsError } from './bids.errors';
import { PlaceBidInput } from './dto/place-bid.input';
import { UpdateBidInput } from './dto/update-bid.input';

/** A page of bids asked for on several missions at once (Mission.bids on a list of missions). */
export interface BidPageRequest {
  first: number;
  after?: string | null;
}

/**
 * Sealed bids: placed, changed and withdrawn by their provider, accepted by the mission's client.
 * Every change that affects the mission locks the mission row first (through MissionsService),
 * then the bid: one order everywhere, so concurrent calls queue instead of deadlocking.
 */
@Injectable()
export class BidsService {
  constructor(
    @InjectRepository(Bid) private readonly bids: Repository<Bid>,
    private readonly missions: MissionsService,
    private readonly lifecycle: MissionLifecycle,
    private readonly missionEvents: MissionEvents,
    private readonly notices: MissionNotices,
    private readonly missionUpdates: MissionUpdates,
    private readonly realtime: RealtimeEvents,
    private readonly identity: IdentityVerificationsService,
    private readonly accounts: AccountsService,
    private readonly transactions: Transactions,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** The bid's insert, inside the statement missions gives (see MissionsService.bidPlacementStatement). */
  private readonly placementStatement = this.missions.bidPlacementStatement(`
      INSERT INTO bids (mission_id, provider_id, amount_cents, message, estimated_hours)
      SELECT id, $2, $3, $4, $5 FROM biddable
      ON CONFLICT DO NOTHING
      RETURNING ${columnsAsProperties(this.bids.metadata)}`);

  /**
   * One statement: the mission locked if it takes bids, the bid inserted unless the provider
   * already has a live one (one-live-bid index), and counted on the mission only when inserted;
   * missionUpdated hears of the new count, and the client of the bid, in the same transaction.
   * When nothing is inserted, the mission or the bid says why.
   */
  async place(provider: Viewer, input: PlaceBidInput): Promise<Bid> {
    if (this.config.biddingRequiresVerifiedEmail) await this.accounts.assertEmailVerified(provider.id, 'bid');
    if (this.config.biddingRequiresVerifiedIdentity) {
      const [status] = await this.identity.statusesOf([provider.id]);
      if (status !== IdentityStatus.APPROVED) throw new IdentityNotVerifiedError();
    }
    const placed = await this.transactions.run(async (manager) => {
      const [row] = (await manager.query(this.placementStatement, [
        input.missionId,
        provider.id,
        input.amountCents,
        input.message,
        input.estimatedHours ?? null,
      ])) as Record<string, unknown>[];
      if (!row) return null;
      const bid = asEntity<Bid>(this.bids.metadata, row);
      await this.missionUpdates.published(manager, input.missionId);
      const mission = await this.missions.lockForLifecycle(manager, bid.missionId); // locked by the statement already
      await this.notices.tell(manager, mission, NotificationKind.NEW_BID, [mission.clientId], {
        providerId: provider.id,
        facts: { amountCents: bid.amountCents },
      });
      return bid;
    });
    if (placed) return placed;
    await this.missions.assertTakesBidsFrom(input.missionId, provider.id);
    throw new LiveBidExistsError();
  }

  async update(provider: Viewer, id: string, input: UpdateBidInput): Promise<Bid> {
    const changes = bidChangesFrom(input);
    return this.transactions.run(async (manager) => {
      await this.ownPendingBid(manager, provider, id);
      const updated = await manager.update(Bid, { id, status: BidStatus.PENDING }, changes);
      if (updated.affected === 0) throw new BidNotPendingError();
      return manager.findOneByOrFail(Bid, { id });
    });
  }

  async withdraw(provider: Viewer, id: string): Promise<Bid> {
    return this.transactions.run(async (manager) => {
      const bid = await this.ownPendingBid(manager, provider, id);
      await this.missions.releaseBidSlot(manager, bid.missionId);
      const withdrawn = await manager.update(Bid, { id, status: BidStatus.PENDING }, { status: BidStatus.WITHDRAWN });
      if (withdrawn.affected === 0) throw new BidNotPendingError();
      await this.missionUpdates.published(manager, bid.missionId);
      await this.announce(manager, [id]);
      return manager.findOneByOrFail(Bid, { id });
    });
  }

  /**
   * The client accepts a bid, the mission's ACCEPT step: in one transaction the bid is ACCEPTED,
   * every other pending bid DECLINED and the mission ASSIGNED. The mission row lock makes concurrent accepts queue: the
   * first wins, the others find the mission no longer open (CONFLICT). The payment's amount is
   * the one the accepting update returns, not one read before it: a concurrent `updateBid` either
   * commits first (and the client accepts, and pays, the new amount, unless it was not the one
   * they expected) or waits and finds the bid no longer pending. Stripe is called only after the
   * commit (the PaymentIntent), so a slow Stripe holds neither the mission's lock nor the acceptance.
   */
  async accept(client: Viewer, bidId: string, expectedAmountCents: number | null = null): Promise<Mission> {
    if (this.config.biddingRequiresVerifiedEmail) await this.accounts.assertEmailVerified(client.id, 'accept a bid');
    const assigned = await this.transactions.run(async (manager) => {
      const missionId = await this.missionOf(manager, bidId);
      return this.lifecycle.take(manager, MissionStep.ACCEPT, missionId, client, async (mission) => {
        const bid = await this.markAccepted(manager, bidId);
        if (expectedAmountCents !== null && bid.amountCents !== expectedAmountCents) {
          throw new BidAmountChangedError(expectedAmountCents, bid.amountCents);
        }
        await this.announce(manager, [bid.id]);
        await this.notices.tell(manager, mission, NotificationKind.BID_ACCEPTED, [bid.providerId], {
          providerId: bid.providerId,
          facts: { amountCents: bid.amountCents },
        });
        await this.declinePendingBidsOn(manager, mission);
        return { missionId: mission.id, clientId: client.id, bidId: bid.id, providerId: bid.providerId, amountCents: bid.amountCents };
      });
    });
    await this.missionEvents.assignmentCommitted(assigned);
    return assigned;
  }

  /** A bid's mission never changes, so it can be read before the mission is locked. */
  private async missionOf(manager: EntityManager, bidId: string): Promise<string> {
    const bid = await manager.findOne(Bid, { where: { id: bidId }, select: { id: true, missionId: true } });
    if (!bid) throw new NotFoundError('Bid');
    return bid.missionId;
  }

  /** The pending bid turned ACCEPTED, as the update left it (its latest amount). */
  private async markAccepted(manager: EntityManager, bidId: string): Promise<Bid> {
    const rows = (await manager.query(
      `UPDATE bids SET status = 'ACCEPTED', updated_at = now() WHERE id = $1 AND status = 'PENDING'
       RETURNING ${columnsAsProperties(this.bids.metadata)}`,
      [bidId],
    )) as [Record<string, unknown>[], number];
    const [accepted] = rows[0];
    if (!accepted) throw new BidNotPendingError();
    return asEntity<Bid>(this.bids.metadata, accepted);
  }

  /** When a mission is cancelled or a bid on it accepted, in its transaction: bidUpdated hears it, and each provider is told. */
  async declinePendingBidsOn(manager: EntityManager, mission: Mission): Promise<void> {
    const declined = await this.moveBids(manager, { missionId: mission.id, status: BidStatus.PENDING }, BidStatus.DECLINED);
    await this.announce(
      manager,
      declined.map((bid) => bid.id),
    );
    await this.notices.tell(
      manager,
      mission,
      NotificationKind.BID_DECLINED,
      declined.map((bid) => bid.providerId),
    );
  }

  /** When an acceptance lapses unpaid, in its transaction: the bid is no longer live, its provider may bid again (and is told). */
  async expireAccepted(manager: EntityManager, mission: Mission, bidId: string): Promise<void> {
    const [expired] = await this.moveBids(manager, { id: bidId, status: BidStatus.ACCEPTED }, BidStatus.EXPIRED);
    if (!expired) return;
    await this.announce(manager, [bidId]);
    await this.notices.tell(manager, mission, NotificationKind.BID_EXPIRED, [expired.providerId], { providerId: expired.providerId });
  }

  /** The bids that match `where` set to `status`, in one statement: which they were, and whose. */
  private async moveBids(
    manager: EntityManager,
    where: Partial<Pick<Bid, 'id' | 'missionId' | 'status'>>,
    status: BidStatus,
  ): Promise<{ id: string; providerId: string }[]> {
    const moved = await manager.createQueryBuilder().update(Bid).set({ status }).where(where).returning(['id', 'providerId']).execute();
    return (moved.raw as { id: string; provider_id: string }[]).map((row) => ({ id: row.id, providerId: row.provider_id }));
  }

  /** When a provider is suspended, in the suspension's transaction: their pending bids are withdrawn. */
  async withdrawPendingBidsOf(manager: EntityManager, providerId: string): Promise<number> {
    const pending = await manager.find(Bid, { where: { providerId, status: BidStatus.PENDING }, lock: { mode: 'pessimistic_write' } });
    if (pending.length === 0) return 0;
    await manager.update(Bid, { id: In(pending.map((bid) => bid.id)) }, { status: BidStatus.WITHDRAWN });
    for (const bid of pending) {
      await this.missions.releaseBidSlot(manager, bid.missionId);
      await this.missionUpdates.published(manager, bid.missionId);
    }
    await this.announce(
      manager,
      pending.map((bid) => bid.id),
    );
    return pending.length;
  }

  /**
   * bidUpdated: the bid as the viewer sees it (its provider, the mission's client) after each
   * change of its status; NOT_FOUND for a bid they may not see, which ends the stream.
   */
  follow(viewer: Viewer, id: string): Promise<AsyncIterableIterator<Bid>> {
    return this.realtime.follow(RealtimeTopic.bid(id), async () => {
      const [bid] = await this.findVisibleByIds(viewer, [id]);
      if (!bid) throw new NotFoundError('Bid');
      return bid;
    });
  }

  /** In the caller's transaction: bidUpdated's subscribers hear of these bids' new status when, and only if, it commits. */
  private announce(manager: EntityManager, bidIds: readonly string[]): Promise<void> {
    return this.realtime.publishAll(
      manager,
      bidIds.map((bidId) => ({ topic: RealtimeTopic.bid(bidId), payload: { bidId } })),
    );
  }

  /** The provider's bids, newest first, but for those on a mission hidden from them (they were not hired). */
  listOfProvider(provider: Viewer, status: BidStatus | null, first: number, after?: string | null): Promise<Connection<Bid>> {
    const query = this.bids.createQueryBuilder('b').where('b.provider_id = :providerId', { providerId: provider.id });
    this.missions.whereVisible(query, provider, 'b.mission_id');
    if (status) query.andWhere('b.status = :status', { status });
    return pageByTime(query, { column: 'created_at', direction: 'DESC', timeOf: (row) => row.createdAt }, first, after);
  }

  /**
   * Mission.bids for several missions in one query, newest first: every bid on the missions the
   * viewer posted, and only the viewer's own bids on the others (bids are sealed).
   */
  async pagesOnMissions(viewer: Viewer, missions: readonly Mission[], request: BidPageRequest): Promise<Connection<Bid>[]> {
    const page = pageRequest(request.first, request.after, 2);
    const after = page.after ? timeAndIdOf(page.after) : null;
    const posted = missions.filter((mission) => seesEveryBidOn(viewer, mission)).map((mission) => mission.id);
    const others = missions.filter((mission) => !seesEveryBidOn(viewer, mission)).map((mission) => mission.id);
    const ranked = this.bids
      .createQueryBuilder('r')
      .select('r.id')
      .addSelect('row_number() OVER (PARTITION BY r.mission_id ORDER BY r.created_at DESC, r.id DESC)', 'position')
      .where('(r.mission_id = ANY(:posted::uuid[]) OR (r.mission_id = ANY(:others::uuid[]) AND r.provider_id = :viewerId))');
    if (after) ranked.andWhere('(r.created_at, r.id) < (:afterTime, :afterId)');
    const bids = await this.bids
      .createQueryBuilder('b')
      .where(`b.id IN (SELECT ranked.r_id FROM (${ranked.getQuery()}) ranked WHERE ranked.position <= :limit)`)
      .setParameters({
        posted,
        others,
        viewerId: viewer.id,
        limit: page.first + 1,
        afterTime: after?.[0],
        afterId: after?.[1],
      })
      .orderBy('b.created_at', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .getMany();
    return missions.map((mission) =>
      connectionOf(
        bids.filter((bid) => bid.missionId === mission.id),
        page,
        (bid) => [bid.createdAt.toISOString(), bid.id],
      ),
    );
  }

  /** The viewer's latest bid on each mission (or null), in the order asked. */
  async latestOfProviderOn(providerId: string, missionIds: readonly string[]): Promise<(Bid | null)[]> {
    const bids = await this.bids
      .createQueryBuilder('b')
      .distinctOn(['b.mission_id'])
      .where('b.provider_id = :providerId AND b.mission_id IN (:...missionIds)', { providerId, missionIds })
      .orderBy('b.mission_id')
      .addOrderBy('b.created_at', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .getMany();
    const byMission = new Map(bids.map((bid) => [bid.missionId, bid]));
    return missionIds.map((missionId) => byMission.get(missionId) ?? null);
  }

  /** Of the bids asked, those Mission.bids shows the viewer: on a mission they may see, every bid to its client, their own to a provider. */
  async findVisibleByIds(viewer: Viewer | undefined, ids: readonly string[]): Promise<Bid[]> {
    if (!viewer) return [];
    const bids = await this.findByIds(ids);
    if (bids.length === 0) return [];
    const missions = new Map(
      (await this.missions.findVisibleByIds(viewer, [...new Set(bids.map((bid) => bid.missionId))])).map((mission) => [
        mission.id,
        mission,
      ]),
    );
    return bids.filter((bid) => {
      const mission = missions.get(bid.missionId);
      return !!mission && (seesEveryBidOn(viewer, mission) || bid.providerId === viewer.id);
    });
  }

  findByIds(ids: readonly string[]): Promise<Bid[]> {
    return this.bids.findBy({ id: In([...ids]) });
  }

  /** The provider's own pending bid, on a mission they may still see (`assertChangeableBy`). */
  private async ownPendingBid(manager: EntityManager, provider: Viewer, id: string): Promise<Bid> {
    const bid = await manager.findOneBy(Bid, { id });
    const missionVisible = bid?.providerId === provider.id && !!(await this.missions.findVisible(provider, bid.missionId, manager));
    assertChangeableBy(provider, bid, missionVisible);
    return bid;
  }
}
