import { Clock, Connection, NotFoundError, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { pageByTime, Transactions } from '@marketplace/database';
import { defineJob, JobQueue } from '@marketplace/jobs';
import { Mission, MissionsService, MissionStatus } from '@marketplace/missions';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { RateMissionInput } from './dto/rate-mission.input';
import { Rating, RatingRole } from './rating.entity';
import {
  AlreadyRatedError,
  AlreadyRepliedError,
  MissionNotCompletedError,
  NotMissionPartyError,
  NotRatedUserError,
  PartyToRatingError,
  RatingAlreadyHiddenError,
  RatingWindowClosedError,
} from './ratings.errors';
import { ReputationBook } from './reputation-book';

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
    private readonly reputations: ReputationBook,
    private readonly jobs: JobQueue,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async rate(author: Viewer, input: RateMissionInput): Promise<Rating> {
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.lockForLifecycle(manager, input.missionId);
      const rated = this.ratedSideOf(mission, author);
      if (!rated) throw new NotMissionPartyError();
      if (mission.status !== MissionStatus.COMPLETED || !mission.completedAt) throw new MissionNotCompletedError();
      const windowClosesAt = this.windowCloseOf(mission);
      if (this.clock.now() >= windowClosesAt) throw new RatingWindowClosedError(windowClosesAt);

      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Rating)
        .values({
          missionId: mission.id,
          authorId: author.id,
          subjectId: rated.subjectId,
          role: rated.role,
          score: input.score,
          comment: input.comment || null,
        })
        .orIgnore() // one rating per author and mission
        .returning(['id'])
        .execute();
      const [row] = inserted.raw as { id: string }[];
      if (!row) throw new AlreadyRatedError();

      const ratingsOfMission = await manager.countBy(Rating, { missionId: mission.id });
      if (ratingsOfMission === 2) {
        await this.publish(manager, mission.id);
      } else {
        await this.jobs.enqueue(manager, PUBLISH_RATINGS, { missionId: mission.id }, { runAt: windowClosesAt, jobKey: mission.id });
      }
      return manager.findOneByOrFail(Rating, { id: row.id });
    });
  }

  /** The window-close job: publishes what was rated, if the other side never did. */
  async publishAtWindowClose(missionId: string): Promise<number> {
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.lockForLifecycle(manager, missionId);
      if (mission.completedAt && this.clock.now() < this.windowCloseOf(mission)) {
        await this.jobs.enqueue(manager, PUBLISH_RATINGS, { missionId }, { runAt: this.windowCloseOf(mission), jobKey: missionId });
        return 0;
      }
      return this.publish(manager, missionId);
    });
  }

  async reply(subject: Viewer, ratingId: string, reply: string): Promise<Rating> {
    return this.transactions.run(async (manager) => {
      const rating = await manager.findOne(Rating, { where: { id: ratingId }, lock: { mode: 'pessimistic_write' } });
      // An unpublished or hidden rating does not exist for its subject: the blind period tells nothing.
      if (!rating || (rating.authorId !== subject.id && (!rating.publishedAt || rating.hiddenAt))) throw new NotFoundError('Rating');
      if (rating.subjectId !== subject.id) throw new NotRatedUserError();
      if (rating.reply !== null) throw new AlreadyRepliedError();
      await manager.update(Rating, { id: rating.id }, { reply, repliedAt: this.clock.now() });
      return manager.findOneByOrFail(Rating, { id: rating.id });
    });
  }

  /** A moderator who is not a party hides a rating, in the caller's transaction: out of lists, and out of the subject's reputation. */
  async hide(manager: EntityManager, moderator: Viewer, ratingId: string, reason: string): Promise<Rating> {
    const rating = await manager.findOne(Rating, { where: { id: ratingId }, lock: { mode: 'pessimistic_write' } });
    if (!rating) throw new NotFoundError('Rating');
    if (this.isParty(rating, moderator)) throw new PartyToRatingError();
    if (rating.hiddenAt) throw new RatingAlreadyHiddenError();
    await manager.update(Rating, { id: rating.id }, { hiddenAt: this.clock.now(), hiddenReason: reason });
    if (rating.publishedAt) await this.reputations.remove(manager, rating);
    return manager.findOneByOrFail(Rating, { id: rating.id });
  }

  /** A rating as the viewer may see it (for reports): their own, or published, not hidden and on a mission they may see. */
  async findVisible(viewer: Viewer, id: string): Promise<Rating | null> {
    const rating = await this.ratings.findOneBy({ id });
    if (!rating) return null;
    if (rating.authorId === viewer.id) return rating;
    if (!rating.publishedAt || rating.hiddenAt) return null;
    return (await this.missions.findVisible(viewer, rating.missionId)) ? rating : null;
  }

  /** Whether the user wrote the rating or is its subject (for reports about it), in the caller's transaction. */
  async isPartyTo(manager: EntityManager, ratingId: string, viewer: Viewer): Promise<boolean> {
    const rating = await manager.findOneBy(Rating, { id: ratingId });
    return !!rating && this.isParty(rating, viewer);
  }

  /**
   * Published, not hidden ratings a user received (in a role, or both), newest first; a rating on
   * a mission the viewer may not see (hidden) is left out, as the mission would show through it.
   */
  received(
    viewer: Viewer | undefined,
    subjectId: string,
    role: RatingRole | null,
    first: number,
    after?: string | null,
  ): Promise<Connection<Rating>> {
    const query = this.ratings
      .createQueryBuilder('r')
      .where('r.subject_id = :subjectId AND r.published_at IS NOT NULL AND r.hidden_at IS NULL', { subjectId });
    this.missions.whereVisible(query, viewer, 'r.mission_id');
    if (role) query.andWhere('r.role = :role', { role });
    return pageByTime(query, { column: 'published_at', direction: 'DESC', timeOf: (row) => row.publishedAt! }, first, after);
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

  private async publish(manager: EntityManager, missionId: string): Promise<number> {
    const unpublished = await manager.find(Rating, { where: { missionId, publishedAt: IsNull() } });
    if (unpublished.length === 0) return 0;
    await manager.update(Rating, { id: In(unpublished.map((rating) => rating.id)) }, { publishedAt: this.clock.now() });
    for (const rating of unpublished) if (!rating.hiddenAt) await this.reputations.add(manager, rating);
    return unpublished.length;
  }

  /** A rating's parties: its author and its subject. A moderator who is one may not moderate it. */
  private isParty(rating: Rating, viewer: Viewer): boolean {
    return viewer.id === rating.authorId || viewer.id === rating.subjectId;
  }

  private ratedSideOf(mission: Mission, author: Viewer): { subjectId: string; role: RatingRole } | null {
    if (!mission.assignedProviderId) return null;
    if (author.id === mission.clientId) return { subjectId: mission.assignedProviderId, role: RatingRole.PROVIDER };
    if (author.id === mission.assignedProviderId) return { subjectId: mission.clientId, role: RatingRole.CLIENT };
    return null;
  }

  private windowCloseOf(mission: Mission): Date {
    return new Date(mission.completedAt!.getTime() + this.config.ratingWindowDays * 86_400_000);
  }
}
