/**
 * The rules of ratings (SPEC §10), apart from the database: who rates whom and when, the
 * double-blind publication, who sees, replies to and hides a rating, what counts in a reputation.
 * RatingsService gathers the facts under its locks and asks these; they decide, and throw the
 * domain error when the answer is no.
 */
import { NotFoundError, Viewer } from '@marketplace/common';
import { Mission, MissionStatus } from '@marketplace/missions';
import { Rating, RatingRole } from './rating.entity';
import {
  AlreadyRepliedError,
  MissionNotCompletedError,
  NotMissionPartyError,
  NotRatedUserError,
  PartyToRatingError,
  RatingAlreadyHiddenError,
  RatingWindowClosedError,
} from './ratings.errors';

const DAY_MS = 86_400_000;

/** A mission has two parties, and each rates the other once: the second rating is the last. */
const RATINGS_PER_MISSION = 2;

export type MissionToRate = Pick<Mission, 'clientId' | 'assignedProviderId' | 'status' | 'completedAt'>;

/** Whom the author rates, in which role, and until when. */
export interface RatingToWrite {
  subjectId: string;
  role: RatingRole;
  windowClosesAt: Date;
}

/**
 * The client rates the assigned provider (as PROVIDER), the provider the client (as CLIENT); anyone
 * else is not a party (FORBIDDEN, whatever the mission's state). Only a COMPLETED mission is rated
 * (CONFLICT before, and when cancelled), until its window closes (CONFLICT from that instant on).
 */
export function ratingBy(author: Viewer, mission: MissionToRate, now: Date, windowDays: number): RatingToWrite {
  const side = ratedSideOf(mission, author);
  if (!side) throw new NotMissionPartyError();
  const windowClosesAt = ratingWindowCloseOf(mission, windowDays);
  if (mission.status !== MissionStatus.COMPLETED || !windowClosesAt) throw new MissionNotCompletedError();
  if (now >= windowClosesAt) throw new RatingWindowClosedError(windowClosesAt);
  return { ...side, windowClosesAt };
}

function ratedSideOf(mission: MissionToRate, author: Viewer): Omit<RatingToWrite, 'windowClosesAt'> | null {
  if (!mission.assignedProviderId) return null;
  if (author.id === mission.clientId) return { subjectId: mission.assignedProviderId, role: RatingRole.PROVIDER };
  if (author.id === mission.assignedProviderId) return { subjectId: mission.clientId, role: RatingRole.CLIENT };
  return null;
}

/** `RATING_WINDOW_DAYS` after completion; none before the mission is completed. */
export function ratingWindowCloseOf(mission: Pick<Mission, 'completedAt'>, windowDays: number): Date | null {
  return mission.completedAt ? new Date(mission.completedAt.getTime() + windowDays * DAY_MS) : null;
}

/**
 * Double-blind: the rating that completes the mission's pair publishes both at once; a first
 * rating waits, unseen by the other side, for the other one or for the window's close.
 */
export function publishesThePair(ratingsOfMission: number): boolean {
  return ratingsOfMission === RATINGS_PER_MISSION;
}

/**
 * When the window-close job runs: the instant to run again if it came early (the window of a
 * completed mission is still open), or null to publish whatever was rated now.
 */
export function publicationPostponedUntil(mission: Pick<Mission, 'completedAt'>, now: Date, windowDays: number): Date | null {
  const windowClosesAt = ratingWindowCloseOf(mission, windowDays);
  return windowClosesAt && now < windowClosesAt ? windowClosesAt : null;
}

/**
 * Before publication, and once hidden, a rating exists for its author alone: for anyone else it is
 * NOT_FOUND (a CONFLICT or FORBIDDEN would tell the other side that it was written).
 */
export function existsFor(viewer: Viewer, rating: Pick<Rating, 'authorId' | 'publishedAt' | 'hiddenAt'>): boolean {
  return rating.authorId === viewer.id || isPublic(rating);
}

/** The rated user replies to a published, visible rating, once. */
export function assertMayReply(viewer: Viewer, rating: Rating | null): asserts rating is Rating {
  if (!rating || !existsFor(viewer, rating)) throw new NotFoundError('Rating');
  if (rating.subjectId !== viewer.id) throw new NotRatedUserError();
  if (rating.reply !== null) throw new AlreadyRepliedError();
}

/** A rating's parties: its author and its subject. A moderator who is one may not moderate it. */
export function isPartyToRating(rating: Pick<Rating, 'authorId' | 'subjectId'>, viewer: Viewer): boolean {
  return viewer.id === rating.authorId || viewer.id === rating.subjectId;
}

/** A moderator who is not a party hides a rating that is not hidden yet. */
export function assertMayHide(moderator: Viewer, rating: Rating | null): asserts rating is Rating {
  if (!rating) throw new NotFoundError('Rating');
  if (isPartyToRating(rating, moderator)) throw new PartyToRatingError();
  if (rating.hiddenAt) throw new RatingAlreadyHiddenError();
}

/** Published and not hidden: listed for everyone who may see its mission, and counted in its subject's reputation. */
export function isPublic(rating: Pick<Rating, 'publishedAt' | 'hiddenAt'>): boolean {
  return !!rating.publishedAt && !rating.hiddenAt;
}
