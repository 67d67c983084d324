import { BadUserInputError, NotFoundError, Role, Viewer } from '@marketplace/common';
import { ContestStatus, ModerationContest } from './moderation-contest.entity';
import { ModerationDecision } from './moderation-decision.entity';
import { assertMayContest, automationOf, contestableUntil, refusalOf } from './moderation-decision-rules';
import {
  ContestAlreadyReviewedError,
  ContestClaimedByAnotherModeratorError,
  ContestWindowClosedError,
  PartyToContestError,
} from './moderation-decisions.errors';
import {
  DEFAULT_GROUNDS,
  groundFor,
  groundsInForce,
  groundVersion,
  MODERATION_GROUNDS,
  ModerationDecisionKind,
} from './moderation-grounds';

const user: Viewer = { id: 'user', roles: [Role.CLIENT] };
const decider: Viewer = { id: 'decider', roles: [Role.CLIENT, Role.MODERATOR] };
const reviewer: Viewer = { id: 'reviewer', roles: [Role.CLIENT, Role.MODERATOR] };
const issuedAt = new Date('2026-08-31T10:00:00Z');

const aDecision = (changes: Partial<ModerationDecision> = {}) =>
  ({
    id: 'decision',
    userId: user.id,
    moderatorId: decider.id,
    createdAt: issuedAt,
    contestableUntil: contestableUntil(issuedAt),
    ...changes,
  }) as ModerationDecision;
const aContest = (changes: Partial<ModerationContest> = {}) =>
  ({
    id: 'contest',
    userId: user.id,
    decidedById: decider.id,
    status: ContestStatus.OPEN,
    reviewerId: null,
    ...changes,
  }) as ModerationContest;

describe('the contest window', () => {
  it('is six calendar months, never less: 31 August runs into March', () => {
    expect(contestableUntil(new Date('2026-12-01T09:30:00Z'))).toEqual(new Date('2027-06-01T09:30:00Z'));
    expect(contestableUntil(issuedAt)).toEqual(new Date('2027-03-03T10:00:00Z'));
  });

  it('is open to the user the decision is about, to its last millisecond', () => {
    expect(() => assertMayContest(user, aDecision(), aDecision().contestableUntil)).not.toThrow();
    expect(() => assertMayContest(user, aDecision(), new Date(aDecision().contestableUntil.getTime() + 1))).toThrow(
      ContestWindowClosedError,
    );
  });

  it('is NOT_FOUND for anyone else, moderators included: they do not learn it exists', () => {
    for (const viewer of [decider, reviewer]) expect(() => assertMayContest(viewer, aDecision(), issuedAt)).toThrow(NotFoundError);
    expect(() => assertMayContest(user, null, issuedAt)).toThrow(NotFoundError);
  });
});

describe('why a contest cannot be reviewed', () => {
  it('is FORBIDDEN for who decided or whom it is about, before whether it is still open', () => {
    expect(refusalOf(decider, aContest({ status: ContestStatus.UPHELD }))).toBeInstanceOf(PartyToContestError);
    expect(refusalOf({ ...user, roles: [Role.MODERATOR] }, aContest())).toBeInstanceOf(PartyToContestError);
  });

  it('is CONFLICT once reviewed, or while another moderator has it; NOT_FOUND when missing', () => {
    expect(refusalOf(reviewer, aContest({ status: ContestStatus.REVERSED }))).toBeInstanceOf(ContestAlreadyReviewedError);
    expect(refusalOf(reviewer, aContest({ reviewerId: 'someone' }))).toBeInstanceOf(ContestClaimedByAnotherModeratorError);
    expect(refusalOf(reviewer, null)).toBeInstanceOf(NotFoundError);
  });
});

describe('the grounds', () => {
  it('give every kind a default ground it may rest on', () => {
    for (const kind of Object.values(ModerationDecisionKind)) expect(groundFor(kind, DEFAULT_GROUNDS[kind]).kinds).toContain(kind);
  });

  it('refuse a ground of another kind, or an unknown one, as BAD_USER_INPUT on groundId', () => {
    expect(() => groundFor(ModerationDecisionKind.CONTENT_HIDDEN, 'FRAUD')).toThrow(BadUserInputError);
    expect(() => groundFor(ModerationDecisionKind.SUSPENSION, 'NO_SUCH_GROUND')).toThrow('groundId: not a ground of a SUSPENSION decision');
  });

  it('are worded in French and English, each id once per version, and the version cited is found again', () => {
    const versions = MODERATION_GROUNDS.map((ground) => `${ground.id}@${ground.version}`);
    expect(new Set(versions).size).toBe(versions.length);
    for (const ground of MODERATION_GROUNDS) {
      for (const wording of [ground.fr, ground.en]) expect(wording.title && wording.text).toBeTruthy();
      expect(groundVersion(ground.id, ground.version)).toBe(ground);
    }
    expect(groundsInForce().length).toBe(new Set(MODERATION_GROUNDS.map((ground) => ground.id)).size);
  });
});

describe('how automated a statement says the decision was', () => {
  it('is NONE, DETECTION (a person decided) or FULL', () => {
    expect(automationOf({ automatedDetection: false, automatedDecision: false })).toBe('NONE');
    expect(automationOf({ automatedDetection: true, automatedDecision: false })).toBe('DETECTION');
    expect(automationOf({ automatedDetection: true, automatedDecision: true })).toBe('FULL');
  });
});
