import { Clock, Connection, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { pageByTime, Transactions } from '@marketplace/database';
import { defineJob, JobQueue } from '@marketplace/jobs';
import { Mission, MissionNotices, MissionsService } from '@marketplace/missions';
import { NotificationKind } from '@marketplace/notifications';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { RateMissionInput } from './dto/rate-mission.input';
import { Rating, RatingRole } from './rating.entity';
import { RatingHideReason } from './rating-hide-reasons';
import {
  assertMayHide,
  assertMayReply,
  existsFor,
  isPartyToRating,
  isPublic,
  publicationPostponedUntil,
  publishesThePair,
  ratingBy,
} from './rating-rules';
import { AlreadyRatedError } from './ratings.errors';
import { ReputationBook } from './reputation-book';
import { reputationOfRatings, UserReputation } from './reputation';

/** Why a moderator hides a rating: a code from the closed list, and their own words if any. */
export interface RatingHiding {
  code: RatingHideReason;
  detail: string | null;
}

/** The order of a list of ratings, by publication date. */
export enum RatingOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}

/** A user's public ratings and the reputation they make, as `publicRecordOf` reads them. */
export interface PublicRatingRecord {
  ratings: Rating[];
  reputation: UserReputation;
}

export const PUBLISH_RATINGS = defineJob<{ missionId: string }>('ratings:publish-at-window-close', { maxAttempts: 10 });

/**
 * Two-way, double-blind ratings (SPEC §10). A rating is written under the mission's row lock, so
 * the two parties rating at the same instant are ordered: the second one publishes both, in its
 * own transaction, with the reputations that count them. Otherwise a job queued with the first
 * rating publishes what there is when the window closes.
 */
@Injectable()
export class RatingsService {
  constructor(
    @InjectRepository(Rating) private readonly ratings: Repository<Rating>,
    private readonly missions: MissionsService,
    private readonly notices: MissionNotices,
    private readonly reputations: ReputationBook,
    private readonly jobs: JobQueue,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async rate(author: Viewer, input: RateMissionInput): Promise<Rating> {
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.lockForLifecycle(manager, input.missionId);
      const { subjectId, role, windowClosesAt } = ratingBy(author, mission, this.clock.now(), this.config.ratingWindowDays);

      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Rating)
        .values({
          missionId: mission.id,
          missionCompletedAt: mission.completedAt!,
          authorId: author.id,
          subjectId,
          role,
          score: input.score,
          comment: input.comment || null,
        })
        .orIgnore() // one rating per author and mission
        .returning(['id'])
        .execute();
      const [row] = inserted.raw as { id: string }[];
      if (!row) throw new AlreadyRatedError();

      const ratingsOfMission = await manager.countBy(Rating, { missionId: mission.id });
      if (publishesThePair(ratingsOfMission)) {
        await this.publish(manager, mission);
      } else {
        await this.jobs.enqueue(manager, PUBLISH_RATINGS, { missionId: mission.id }, { runAt: windowClosesAt, jobKey: mission.id });
        await this.notices.tell(manager, mission, NotificationKind.RATING_RECEIVED, [subjectId], { facts: { role } });
      }
      return manager.findOneByOrFail(Rating, { id: row.id });
    });
  }

  /** The window-close job: publishes what was rated, if the other side never did. */
  async publishAtWindowClose(missionId: string): Promise<number> {
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.lockForLifecycle(manager, missionId);
      const postponedUntil = publicationPostponedUntil(mission, this.clock.now(), this.config.ratingWindowDays);
      if (postponedUntil) {
        await this.jobs.enqueue(manager, PUBLISH_RATINGS, { missionId }, { runAt: postponedUntil, jobKey: missionId });
        return 0;
      }
      return this.publish(manager, mission);
    });
  }

  async reply(subject: Viewer, ratingId: string, reply: string): Promise<Rating> {
    return this.transactions.run(async (manager) => {
      const rating = await manager.findOne(Rating, { where: { id: ratingId }, lock: { mode: 'pessimistic_write' } });
      assertMayReply(subject, rating);
      await manager.update(Rating, { id: rating.id }, { reply, repliedAt: this.clock.now() });
      return manager.findOneByOrFail(Rating, { id: rating.id });
    });
  }

  /**
   * A moderator who is not a party hides a rating, in the caller's transaction: out of lists, and
   * out of the subject's reputation. Its author is told why (the reason's label and the detail) by
   * the statement of reasons the moderation domain issues.
   */
  async hide(manager: EntityManager, moderator: Viewer, ratingId: string, { code, detail }: RatingHiding): Promise<Rating> {
    const rating = await manager.findOne(Rating, { where: { id: ratingId }, lock: { mode: 'pessimistic_write' } });
    assertMayHide(moderator, rating);
    await manager.update(Rating, { id: rating.id }, { hiddenAt: this.clock.now(), hiddenReasonCode: code, hiddenReason: detail });
    if (isPublic(rating)) await this.reputations.remove(manager, rating);
    return manager.findOneByOrFail(Rating, { id: rating.id });
  }

  /** A hiding reversed on review: back in lists, and, once published, in the subject's reputation again. */
  async unhide(manager: EntityManager, ratingId: string): Promise<void> {
    const rating = await manager.findOne(Rating, { where: { id: ratingId }, lock: { mode: 'pessimistic_write' } });
    if (!rating?.hiddenAt) return;
    await manager.update(Rating, { id: rating.id }, { hiddenAt: null, hiddenReason: null });
    const shown = await manager.findOneByOrFail(Rating, { id: rating.id });
    if (isPublic(shown)) await this.reputations.add(manager, shown);
  }

  /** A rating as the viewer may see it (for reports): their own, or published, not hidden and on a mission they may see. */
  async findVisible(viewer: Viewer, id: string): Promise<Rating | null> {
    const [rating] = await this.findVisibleByIds(viewer, [id]);
    return rating ?? null;
  }

  /** Of the ratings asked, those the viewer may see (as findVisible; published ones only to an anonymous viewer), in any order. */
  async findVisibleByIds(viewer: Viewer | undefined, ids: readonly string[]): Promise<Rating[]> {
    const ratings = (await this.ratings.findBy({ id: In([...ids]) })).filter((rating) =>
      viewer ? existsFor(viewer, rating) : isPublic(rating),
    );
    const others = ratings.filter((rating) => rating.authorId !== viewer?.id);
    if (others.length === 0) return ratings;
    const missionIds = new Set(
      (await this.missions.findVisibleByIds(viewer, [...new Set(others.map((rating) => rating.missionId))])).map((mission) => mission.id),
    );
    return ratings.filter((rating) => rating.authorId === viewer?.id || missionIds.has(rating.missionId));
  }

  /** Whether the user wrote the rating or is its subject (for reports about it), in the caller's transaction. */
  async isPartyTo(manager: EntityManager, ratingId: string, viewer: Viewer): Promise<boolean> {
    const rating = await manager.findOneBy(Rating, { id: ratingId });
    return !!rating && isPartyToRating(rating, viewer);
  }

  /**
   * Published, not hidden ratings a user received (in a role, or both), by publication date; a rating on
   * a mission the viewer may not see (hidden) is left out, as the mission would show through it.
   */
  received(
    viewer: Viewer | undefined,
    subjectId: string,
    role: RatingRole | null,
    order: RatingOrder,
    first: number,
    after?: string | null,
  ): Promise<Connection<Rating>> {
    const query = this.ratings
      .createQueryBuilder('r')
      .where('r.subject_id = :subjectId AND r.published_at IS NOT NULL AND r.hidden_at IS NULL', { subjectId });
    this.missions.whereVisible(query, viewer, 'r.mission_id');
    if (role) query.andWhere('r.role = :role', { role });
    const direction = order === RatingOrder.OLDEST_FIRST ? 'ASC' : 'DESC';
    return pageByTime(query, { column: 'published_at', direction, timeOf: (row) => row.publishedAt! }, first, after);
  }

  /**
   * What a user's public ratings say of them, read in one statement so that the reputation and the
   * list agree: every published, not hidden rating they received (on hidden missions too, as their
   * reputation counts them), the most recent mission first, and the reputation those ratings make.
   */
  async publicRecordOf(subjectId: string): Promise<PublicRatingRecord> {
    const ratings = await this.ratings.find({
      where: { subjectId, publishedAt: Not(IsNull()), hiddenAt: IsNull() },
      order: { missionCompletedAt: 'DESC', id: 'ASC' },
    });
    return { ratings, reputation: reputationOfRatings(ratings) };
  }

  /** The published, not hidden ratings of each mission, in the order asked. */
  async publishedOnMissions(missionIds: readonly string[]): Promise<Rating[][]> {
    const ratings = await this.ratings.find({
      where: { missionId: In([...missionIds]), hiddenAt: IsNull() },
      order: { publishedAt: 'ASC', id: 'ASC' },
    });
    return missionIds.map((missionId) => ratings.filter((rating) => rating.missionId === missionId && rating.publishedAt));
  }

  /** The author's own rating on each mission (or null), published or not. */
  async ownOnMissions(authorId: string, missionIds: readonly string[]): Promise<(Rating | null)[]> {
    const ratings = new Map(
      (await this.ratings.findBy({ authorId, missionId: In([...missionIds]) })).map((rating) => [rating.missionId, rating]),
    );
    return missionIds.map((missionId) => ratings.get(missionId) ?? null);
  }

  /** Publishes the mission's ratings not yet published; each one's subject is told. */
  private async publish(manager: EntityManager, mission: Mission): Promise<number> {
    const unpublished = await manager.find(Rating, { where: { missionId: mission.id, publishedAt: IsNull() } });
    if (unpublished.length === 0) return 0;
    const publishedAt = this.clock.now();
    await manager.update(Rating, { id: In(unpublished.map((rating) => rating.id)) }, { publishedAt });
    const published = unpublished.filter((rating) => isPublic({ ...rating, publishedAt }));
    for (const rating of published) await this.reputations.add(manager, rating);
    await this.notices.tell(
      manager,
      mission,
      NotificationKind.RATING_PUBLISHED,
      published.map((rating) => rating.subjectId),
    );
    return unpublished.length;
  }
}
