import { Clock, Connection, isModerator, NotFoundError, Viewer } from '@marketplace/common';
import { pageByTime, Transactions } from '@marketplace/database';
import { PhotosService, PhotoUse } from '@marketplace/photos';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { toPublicCoordinate } from './dto/coordinates';
import { placeColumns } from './dto/location.input';
import { PostMissionInput } from './dto/post-mission.input';
import { UpdateMissionInput } from './dto/update-mission.input';
import { MissionSearch, searchMissions } from './mission-search';
import { MAX_MISSION_PHOTOS, Mission, MissionStatus } from './mission.entity';
import {
  InvalidPreferredWindowError,
  MissionAlreadyHiddenError,
  MissionHasBidsError,
  MissionNotOpenError,
  NotMissionClientError,
  OwnMissionBidError,
  PartyToMissionError,
} from './missions.errors';

/**
 * Who sees a mission, on every path to one (`mission(id)`, a rating's or a bid's mission, the
 * lists that lead there): anyone while it is not hidden; once hidden, its client, its assigned
 * provider and moderators. `alias` names the missions row in the query.
 */
function visibleTo(viewer: Viewer | undefined, alias: string): { condition: string; parameters: ObjectLiteral } {
  if (isModerator(viewer)) return { condition: 'TRUE', parameters: {} };
  return {
    condition: `(${alias}.hidden_at IS NULL OR ${alias}.client_id = :missionViewerId OR ${alias}.assigned_provider_id = :missionViewerId)`,
    parameters: { missionViewerId: viewer?.id ?? null },
  };
}

/**
 * Missions: posting, editing, search and the transitions of their lifecycle. Transitions lock the
 * mission row (or update it conditionally), so concurrent calls are ordered and only one wins;
 * the live-bid counter lives on the same row for the same reason.
 */
@Injectable()
export class MissionsService {
  constructor(
    @InjectRepository(Mission) private readonly missions: Repository<Mission>,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly photos: PhotosService,
  ) {}

  /** With the photos the client uploaded for it (`photoIds`), claimed in the same transaction. */
  async post(client: Viewer, input: PostMissionInput): Promise<Mission> {
    this.assertPreferredWindow(input.preferredStart ?? null, input.preferredEnd ?? null);
    const { location } = input;
    const photoIds = (input.photoIds ?? []).map((id) => id.toLowerCase());
    return this.transactions.run(async (manager) => {
      await this.photos.attach(manager, { ownerId: client.id, photoIds, use: PhotoUse.MISSION, max: MAX_MISSION_PHOTOS });
      const inserted = await manager.insert(Mission, {
        clientId: client.id,
        title: input.title,
        description: input.description,
        category: input.category,
        address: location.address,
        ...placeColumns(location),
        publicLatitude: toPublicCoordinate(location.latitude),
        publicLongitude: toPublicCoordinate(location.longitude),
        budgetCents: input.budgetCents ?? null,
        preferredStart: input.preferredStart ?? null,
        preferredEnd: input.preferredEnd ?? null,
        photoIds,
      });
      return manager.findOneByOrFail(Mission, { id: (inserted.identifiers[0] as { id: string }).id });
    });
  }

  /** The client edits text, budget and window while the mission is open and nobody has bid. */
  async update(client: Viewer, id: string, input: UpdateMissionInput): Promise<Mission> {
    return this.transactions.run(async (manager) => {
      const mission = await this.lockForEditBy(manager, client, id);

      const changes: Partial<Mission> = {};
      if (input.title !== undefined) changes.title = input.title;
      if (input.description !== undefined) changes.description = input.description;
      if (input.budgetCents !== undefined) changes.budgetCents = input.budgetCents;
      if (input.preferredStart !== undefined) changes.preferredStart = input.preferredStart;
      if (input.preferredEnd !== undefined) changes.preferredEnd = input.preferredEnd;
      const window = { ...mission, ...changes };
      this.assertPreferredWindow(
        input.preferredStart !== undefined ? window.preferredStart : null,
        input.preferredEnd !== undefined ? window.preferredEnd : null,
        window.preferredStart,
        window.preferredEnd,
      );
      if (Object.keys(changes).length > 0) await manager.update(Mission, { id }, changes);
      return manager.findOneByOrFail(Mission, { id });
    });
  }

  /**
   * Locks a mission its client is about to edit (text, budget, window, photos): only while it is
   * OPEN and nobody has bid, as bids were made on what it showed.
   */
  async lockForEditBy(manager: EntityManager, client: Viewer, id: string): Promise<Mission> {
    const mission = await this.lock(manager, id);
    if (mission.clientId !== client.id) throw new NotMissionClientError();
    if (mission.status !== MissionStatus.OPEN) throw new MissionNotOpenError();
    if (mission.bidCount > 0) throw new MissionHasBidsError();
    return mission;
  }

  /** A mission as the viewer may see it (`visibleTo`): hidden ones only to their client, assigned provider and moderators. */
  /** Inside a transaction, pass its manager: a second pooled connection per transaction starves the pool under load. */
  async findVisible(viewer: Viewer | undefined, id: string, manager: EntityManager = this.missions.manager): Promise<Mission | null> {
    const [mission] = await this.findVisibleByIds(viewer, [id], manager);
    return mission ?? null;
  }

  /** Of the missions asked, those the viewer may see (`visibleTo`), in any order. */
  findVisibleByIds(viewer: Viewer | undefined, ids: readonly string[], manager: EntityManager = this.missions.manager): Promise<Mission[]> {
    const { condition, parameters } = visibleTo(viewer, 'm');
    return manager.createQueryBuilder(Mission, 'm').where('m.id = ANY(:ids::uuid[])', { ids }).andWhere(condition, parameters).getMany();
  }

  /**
   * Narrows another domain's list that leads to missions (ratings received, a provider's bids) to
   * the rows whose mission the viewer may see (`visibleTo`), in the list's own statement.
   * `missionIdColumn` is the qualified column holding each row's mission id.
   */
  whereVisible<T extends ObjectLiteral>(
    query: SelectQueryBuilder<T>,
    viewer: Viewer | undefined,
    missionIdColumn: string,
  ): SelectQueryBuilder<T> {
    const { condition, parameters } = visibleTo(viewer, 'visible');
    return query.andWhere(`EXISTS (SELECT 1 FROM missions visible WHERE visible.id = ${missionIdColumn} AND ${condition})`, parameters);
  }

  /**
   * As `whereVisible`, and the mission comes along: joined to the list's rows as `relation`
   * ("alias.property" of a many-to-one to Mission), read in the list's own statement.
   */
  joinVisible<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, viewer: Viewer | undefined, relation: string): SelectQueryBuilder<T> {
    const { condition, parameters } = visibleTo(viewer, 'visible');
    return query.innerJoinAndSelect(relation, 'visible', condition, parameters);
  }

  search(search: MissionSearch, first: number, after?: string | null): Promise<Connection<Mission>> {
    return searchMissions(this.missions, search, first, after);
  }

  /** The client's own missions, newest first, hidden ones included. */
  listOfClient(client: Viewer, status: MissionStatus | null, first: number, after?: string | null): Promise<Connection<Mission>> {
    const query = this.missions.createQueryBuilder('m').where('m.client_id = :clientId', { clientId: client.id });
    if (status) query.andWhere('m.status = :status', { status });
    return pageByTime(query, { column: 'created_at', direction: 'DESC', timeOf: (row) => row.createdAt }, first, after);
  }

  /** DISPUTED missions, hidden ones included, the longest-disputed first (for moderators). */
  listDisputed(first: number, after?: string | null): Promise<Connection<Mission>> {
    const query = this.missions.createQueryBuilder('m').where('m.status = :status', { status: MissionStatus.DISPUTED });
    return pageByTime(query, { column: 'disputed_at', direction: 'ASC', timeOf: (row) => row.disputedAt! }, first, after);
  }

  findByIds(ids: readonly string[], manager: EntityManager = this.missions.manager): Promise<Mission[]> {
    return manager.findBy(Mission, { id: In([...ids]) });
  }

  /** `visibleTo` for a mission already read (subscriptions check each event so, without a query per subscriber). */
  isVisibleTo(mission: Pick<Mission, 'hiddenAt' | 'clientId' | 'assignedProviderId'>, viewer: Viewer | undefined): boolean {
    return !mission.hiddenAt || this.isParty(mission, viewer) || isModerator(viewer);
  }

  /** The mission's parties, its client and its assigned provider: they see its exact address, and may not moderate it. */
  isParty(mission: Pick<Mission, 'clientId' | 'assignedProviderId'>, viewer: Viewer | undefined): boolean {
    return !!viewer && (viewer.id === mission.clientId || viewer.id === mission.assignedProviderId);
  }

  /** Whether the user is a party to the mission (for reports about it), in the caller's transaction. */
  async isPartyTo(manager: EntityManager, missionId: string, viewer: Viewer): Promise<boolean> {
    const mission = await manager.findOneBy(Mission, { id: missionId });
    return !!mission && this.isParty(mission, viewer);
  }

  /** A moderator decides nothing about a mission they are a party to (hiding it, settling its dispute). */
  assertNotPartyTo(moderator: Viewer, mission: Mission): void {
    if (this.isParty(mission, moderator)) throw new PartyToMissionError();
  }

  /**
   * Why a provider's bid found no mission to go on (see BidsService.place, which counts live bids
   * in `bid_count` in the same statement as the insert): the mission's own reason, thrown; returns
   * when the mission does take the provider's bids.
   */
  async assertTakesBidsFrom(missionId: string, providerId: string): Promise<void> {
    const mission = await this.missions.findOneBy({ id: missionId });
    if (!mission || mission.hiddenAt) throw new NotFoundError('Mission');
    if (mission.clientId === providerId) throw new OwnMissionBidError();
    if (mission.status !== MissionStatus.OPEN) throw new MissionNotOpenError();
  }

  /** A live bid stopped being live (withdrawn); locks the mission like placing a bid does. */
  async releaseBidSlot(manager: EntityManager, missionId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Mission)
      .set({ bidCount: () => 'bid_count - 1' })
      .where('id = :missionId', { missionId })
      .execute();
  }

  /** Locks a mission so that its state holds until the caller's transaction ends (a rating reads it, acceptBid orders itself). */
  lockForLifecycle(manager: EntityManager, id: string): Promise<Mission> {
    return this.lock(manager, id);
  }

  /**
   * The payments domain says the client's payment for the accepted bid came in, first thing in
   * the transaction that records it (the mission's lock comes before the payment's, as on every
   * path): from then on the provider may deliver, and the acceptance no longer lapses. Nothing
   * when the mission was cancelled or that acceptance lapsed meanwhile.
   */
  async recordPaymentReceived(manager: EntityManager, missionId: string, bidId: string): Promise<void> {
    await this.lock(manager, missionId);
    await manager
      .createQueryBuilder()
      .update(Mission)
      .set({ paymentReceivedAt: this.clock.now() })
      .where('id = :missionId AND accepted_bid_id = :bidId AND payment_received_at IS NULL', { missionId, bidId })
      .execute();
  }

  /**
   * placeBid's one statement, with the bids domain's insert: it locks the mission if it takes bids
   * (open, not hidden, not the provider's own; the lock queues it behind a concurrent acceptance
   * or edit, which lock the mission first too), runs `insertBid` — which reads the mission's id
   * from the `biddable` CTE, binds $2 as the provider and RETURNs "missionId" — and counts what it
   * inserted in the mission's `bid_count`. One round trip, atomic without a transaction block.
   */
  bidPlacementStatement(insertBid: string): string {
    return `
    WITH biddable AS (
      SELECT id FROM missions
       WHERE id = $1 AND status = '${MissionStatus.OPEN}' AND hidden_at IS NULL AND client_id <> $2
         FOR UPDATE
    ), placed AS (${insertBid}), counted AS (
      UPDATE missions SET bid_count = bid_count + 1, updated_at = now() WHERE id IN (SELECT "missionId" FROM placed)
    )
    SELECT * FROM placed`;
  }

  /**
   * A moderator who is not a party hides a mission: it leaves search and takes no more bids. In the
   * caller's transaction; the row lock orders it with an acceptance that could make the moderator
   * the assigned provider.
   */
  async hide(manager: EntityManager, moderator: Viewer, id: string, reason: string): Promise<Mission> {
    const mission = await this.lock(manager, id);
    this.assertNotPartyTo(moderator, mission);
    if (mission.hiddenAt) throw new MissionAlreadyHiddenError();
    await manager.update(Mission, { id }, { hiddenAt: this.clock.now(), hiddenReason: reason });
    return manager.findOneByOrFail(Mission, { id });
  }

  /** A hiding reversed on review shows the mission again, in the caller's transaction (an OPEN one takes bids again). */
  async unhide(manager: EntityManager, id: string): Promise<void> {
    await manager.update(Mission, { id }, { hiddenAt: null, hiddenReason: null });
  }

  /**
   * Of the given users, those with whom the viewer shares a mission through an accepted bid,
   * either way round: they may see each other's phone number. One query for a page of users.
   */
  async counterpartiesOf(viewerId: string, userIds: readonly string[]): Promise<Set<string>> {
    const rows: { counterparty: string }[] = await this.missions.query(
      `SELECT assigned_provider_id AS counterparty FROM missions WHERE client_id = $1 AND assigned_provider_id = ANY($2::uuid[])
       UNION
       SELECT client_id FROM missions WHERE assigned_provider_id = $1 AND client_id = ANY($2::uuid[])`,
      [viewerId, userIds],
    );
    return new Set(rows.map((row) => row.counterparty));
  }

  private async lock(manager: EntityManager, id: string): Promise<Mission> {
    const mission = await manager.createQueryBuilder(Mission, 'm').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
    if (!mission) throw new NotFoundError('Mission');
    return mission;
  }

  /** A preferred window: a new start or end must be in the future; the end must follow the start. */
  private assertPreferredWindow(
    newStart: Date | null,
    newEnd: Date | null,
    start: Date | null = newStart,
    end: Date | null = newEnd,
  ): void {
    const now = this.clock.now().getTime();
    if (newStart && newStart.getTime() <= now) throw InvalidPreferredWindowError.startInThePast();
    if (newEnd && newEnd.getTime() <= now) throw InvalidPreferredWindowError.endInThePast();
    if (start && end && end.getTime() <= start.getTime()) throw InvalidPreferredWindowError.endBeforeStart();
  }
}
