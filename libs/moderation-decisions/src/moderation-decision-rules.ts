/** The rules of statements of reasons and their contest, apart from the database. */
import { NotFoundError, Viewer } from '@marketplace/common';
import { ModerationContest, ContestStatus } from './moderation-contest.entity';
import { ModerationDecision } from './moderation-decision.entity';
import {
  ContestAlreadyReviewedError,
  ContestClaimedByAnotherModeratorError,
  ContestWindowClosedError,
  PartyToContestError,
} from './moderation-decisions.errors';

/** DSA art. 20(1) asks for at least six months; calendar months from the statement (31 Aug + 6 runs into March, never short of them). */
export const CONTEST_WINDOW_MONTHS = 6;

export function contestableUntil(issuedAt: Date): Date {
  const until = new Date(issuedAt);
  until.setUTCMonth(until.getUTCMonth() + CONTEST_WINDOW_MONTHS);
  return until;
}

/** Only the user a decision is about contests it (NOT_FOUND for anyone else: they do not learn it exists), within its window. */
export function assertMayContest(viewer: Viewer, decision: ModerationDecision | null, now: Date): asserts decision is ModerationDecision {
  if (!decision || decision.userId !== viewer.id) throw new NotFoundError('Moderation decision');
  if (now > decision.contestableUntil) throw new ContestWindowClosedError(decision.contestableUntil);
}

/**
 * Why a moderator may not claim or decide a contest (always throws): NOT_FOUND, FORBIDDEN when
 * they took the decision or it is about them, CONFLICT once reviewed or while another reviews it.
 */
export function refusalOf(moderator: Viewer, contest: ModerationContest | null): Error {
  if (!contest) return new NotFoundError('Moderation contest');
  if (contest.decidedById === moderator.id || contest.userId === moderator.id) return new PartyToContestError();
  if (contest.status !== ContestStatus.OPEN) return new ContestAlreadyReviewedError();
  return new ContestClaimedByAnotherModeratorError();
}

/** How automated a decision was, as its statement says it: NONE, DETECTION (a person decided), or FULL. */
export function automationOf(
  decision: Pick<ModerationDecision, 'automatedDetection' | 'automatedDecision'>,
): 'NONE' | 'DETECTION' | 'FULL' {
  if (decision.automatedDecision) return 'FULL';
  return decision.automatedDetection ? 'DETECTION' : 'NONE';
}
