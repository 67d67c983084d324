import { NotFoundError, Role, Viewer } from '@marketplace/common';
import { MissionStatus } from '@marketplace/missions';
import { Rating, RatingRole } from './rating.entity';
import { RatingHideReason } from './rating-hide-reasons';
import {
  assertMayHide,
  assertMayReply,
  existsFor,
  isPartyToRating,
  isPublic,
  MissionToRate,
  publicationPostponedUntil,
  publishesThePair,
  ratingBy,
  ratingWindowCloseOf,
} from './rating-rules';
import {
  AlreadyRepliedError,
  MissionNotCompletedError,
  NotMissionPartyError,
  NotRatedUserError,
  PartyToRatingError,
  RatingAlreadyHiddenError,
  RatingWindowClosedError,
} from './ratings.errors';

const WINDOW_DAYS = 14;
const completedAt = new Date('2026-12-01T10:00:00Z');
const windowClosesAt = new Date('2026-12-15T10:00:00Z');
const justBefore = (instant: Date) => new Date(instant.getTime() - 1);

const client: Viewer = { id: 'client', roles: [Role.CLIENT] };
const provider: Viewer = { id: 'provider', roles: [Role.CLIENT, Role.PROVIDER] };
const otherBidder: Viewer = { id: 'other-bidder', roles: [Role.CLIENT, Role.PROVIDER] };
const moderator: Viewer = { id: 'moderator', roles: [Role.CLIENT, Role.MODERATOR] };

const completed: MissionToRate = {
  clientId: client.id,
  assignedProviderId: provider.id,
  status: MissionStatus.COMPLETED,
  completedAt,
};

function aRating(changes: Partial<Rating> = {}): Rating {
  return {
    id: 'rating',
    missionId: 'mission',
    missionCompletedAt: completedAt,
    authorId: client.id,
    subjectId: provider.id,
    role: RatingRole.PROVIDER,
    score: 4,
    comment: null,
    reply: null,
    repliedAt: null,
    publishedAt: windowClosesAt,
    hiddenAt: null,
    hiddenReasonCode: null,
    hiddenReason: null,
    createdAt: completedAt,
    ...changes,
  };
}

describe('who rates whom, and when', () => {
  const now = new Date('2026-12-02T10:00:00Z');

  it('lets the client rate the assigned provider as PROVIDER, and the provider the client as CLIENT', () => {
    expect(ratingBy(client, completed, now, WINDOW_DAYS)).toEqual({ subjectId: provider.id, role: RatingRole.PROVIDER, windowClosesAt });
    expect(ratingBy(provider, completed, now, WINDOW_DAYS)).toEqual({ subjectId: client.id, role: RatingRole.CLIENT, windowClosesAt });
  });

  it('refuses anyone else, moderators included, as not a party (FORBIDDEN), whatever the state of the mission', () => {
    for (const status of Object.values(MissionStatus)) {
      for (const outsider of [otherBidder, moderator]) {
        expect(() => ratingBy(outsider, { ...completed, status }, now, WINDOW_DAYS)).toThrow(NotMissionPartyError);
      }
    }
  });

  it('has no party to rate on a mission nobody was hired for, not even its client', () => {
    const neverAssigned = { ...completed, assignedProviderId: null, status: MissionStatus.CANCELLED, completedAt: null };
    expect(() => ratingBy(client, neverAssigned, now, WINDOW_DAYS)).toThrow(NotMissionPartyError);
  });

  it('is refused (CONFLICT) until the mission is completed, and on a cancelled one', () => {
    for (const status of [MissionStatus.ASSIGNED, MissionStatus.DELIVERED, MissionStatus.DISPUTED, MissionStatus.CANCELLED]) {
      const notCompleted = { ...completed, status, completedAt: null };
      expect(() => ratingBy(client, notCompleted, now, WINDOW_DAYS)).toThrow(MissionNotCompletedError);
      expect(() => ratingBy(provider, notCompleted, now, WINDOW_DAYS)).toThrow(MissionNotCompletedError);
    }
    expect(() => ratingBy(client, { ...completed, completedAt: null }, now, WINDOW_DAYS)).toThrow(MissionNotCompletedError);
  });

  it('is open from completion until RATING_WINDOW_DAYS later, closed from that very instant (CONFLICT)', () => {
    expect(ratingBy(client, completed, completedAt, WINDOW_DAYS).windowClosesAt).toEqual(windowClosesAt);
    expect(ratingBy(provider, completed, justBefore(windowClosesAt), WINDOW_DAYS).windowClosesAt).toEqual(windowClosesAt);
    expect(() => ratingBy(client, completed, windowClosesAt, WINDOW_DAYS)).toThrow(RatingWindowClosedError);
    expect(() => ratingBy(client, completed, windowClosesAt, WINDOW_DAYS)).toThrow(`closed on ${windowClosesAt.toISOString()}`);
  });

  it('counts the window in days of the configuration', () => {
    expect(ratingWindowCloseOf(completed, 1)).toEqual(new Date('2026-12-02T10:00:00Z'));
    expect(ratingWindowCloseOf(completed, 365)).toEqual(new Date('2027-12-01T10:00:00Z'));
    expect(ratingWindowCloseOf({ completedAt: null }, WINDOW_DAYS)).toBeNull();
  });
});

describe('double-blind publication', () => {
  it('publishes both ratings with the second one, and keeps a first one waiting', () => {
    expect(publishesThePair(1)).toBe(false);
    expect(publishesThePair(2)).toBe(true);
  });

  it('has the window-close job run again at the close when it ran early, and publish from the close on', () => {
    expect(publicationPostponedUntil(completed, completedAt, WINDOW_DAYS)).toEqual(windowClosesAt);
    expect(publicationPostponedUntil(completed, justBefore(windowClosesAt), WINDOW_DAYS)).toEqual(windowClosesAt);
    expect(publicationPostponedUntil(completed, windowClosesAt, WINDOW_DAYS)).toBeNull();
    expect(publicationPostponedUntil(completed, new Date('2027-01-01T00:00:00Z'), WINDOW_DAYS)).toBeNull();
  });

  it('leaves a rating, before publication or once hidden, to its author alone', () => {
    const unpublished = aRating({ publishedAt: null });
    const hidden = aRating({ hiddenAt: windowClosesAt, hiddenReasonCode: RatingHideReason.ABUSIVE, hiddenReason: 'Insultes' });
    for (const rating of [unpublished, hidden]) {
      expect(existsFor(client, rating)).toBe(true);
      for (const viewer of [provider, otherBidder, moderator]) expect(existsFor(viewer, rating)).toBe(false);
      expect(isPublic(rating)).toBe(false);
    }
    for (const viewer of [client, provider, otherBidder, moderator]) expect(existsFor(viewer, aRating())).toBe(true);
    expect(isPublic(aRating())).toBe(true);
  });
});

describe('replies', () => {
  it('are for the rated user, on a published rating that has none yet', () => {
    expect(() => assertMayReply(provider, aRating())).not.toThrow();
    expect(() => assertMayReply(provider, aRating({ reply: 'Merci !' }))).toThrow(AlreadyRepliedError);
  });

  it('find nothing (NOT_FOUND) before publication or once hidden, so the blind period reveals nothing', () => {
    expect(() => assertMayReply(provider, null)).toThrow(NotFoundError);
    expect(() => assertMayReply(provider, aRating({ publishedAt: null }))).toThrow(NotFoundError);
    expect(() => assertMayReply(provider, aRating({ hiddenAt: windowClosesAt }))).toThrow(NotFoundError);
  });

  it('are refused to the author and to anyone else who may see the rating (FORBIDDEN)', () => {
    expect(() => assertMayReply(client, aRating())).toThrow(NotRatedUserError);
    expect(() => assertMayReply(client, aRating({ publishedAt: null }))).toThrow(NotRatedUserError);
    expect(() => assertMayReply(otherBidder, aRating())).toThrow(NotRatedUserError);
  });
});

describe('hiding a rating', () => {
  it('is for a moderator who neither wrote it nor is its subject', () => {
    expect(isPartyToRating(aRating(), client)).toBe(true);
    expect(isPartyToRating(aRating(), provider)).toBe(true);
    expect(isPartyToRating(aRating(), moderator)).toBe(false);
    expect(() => assertMayHide(moderator, aRating())).not.toThrow();
    const byModerator = aRating({ authorId: moderator.id });
    const aboutModerator = aRating({ subjectId: moderator.id });
    for (const rating of [byModerator, aboutModerator]) {
      expect(() => assertMayHide(moderator, rating)).toThrow(PartyToRatingError);
      expect(() => assertMayHide(moderator, rating)).toThrow('another moderator must act');
    }
  });

  it('happens once (CONFLICT after), and a missing rating is NOT_FOUND', () => {
    expect(() => assertMayHide(moderator, aRating({ hiddenAt: windowClosesAt }))).toThrow(RatingAlreadyHiddenError);
    expect(() => assertMayHide(moderator, null)).toThrow(NotFoundError);
  });
});
