/**
 * The rules of the moderation desk, apart from the database: what may be reported, who may decide
 * a report or suspend a user, and what each action does to the reports. ModerationService gathers
 * the facts (the report under its lock, the user, whether the moderator is a party to what was
 * reported, as that domain defines it) and asks these.
 */
import { BadUserInputError, hasRole, isModerator, NotFoundError, Role, Viewer } from '@marketplace/common';
import { ModerationVerb } from '@marketplace/moderation-log';
import { RatingHideReason, RatingHiding } from '@marketplace/ratings';
import { CannotReportYourselfError, PartyToReportError, ReportNotOpenError, SuspensionNotAllowedError } from './moderation.errors';
import { Report, ReportStatus, ReportTarget } from './report.entity';

/**
 * The actions that act on what was reported, and the kind of target each acts on: every open
 * report on that target becomes ACTIONED with it (dismissing decides one report, as DISMISSED).
 */
export const REPORTS_ACTIONED_BY = {
  HIDE_MISSION: ReportTarget.MISSION,
  HIDE_RATING: ReportTarget.RATING,
  HIDE_MESSAGE: ReportTarget.MESSAGE,
  SUSPEND_USER: ReportTarget.USER,
} as const satisfies Partial<Record<ModerationVerb, ReportTarget>>;

export type ActionOnReported = keyof typeof REPORTS_ACTIONED_BY;

/**
 * Anyone may report another user, or a mission or a rating they can see, or a message of a
 * conversation they take part in; nobody reports themselves or what they wrote. `authorId` is the
 * user reported, the mission's client, the rating's or the message's author.
 */
export function assertMayReport(reporter: Viewer, authorId: string): void {
  if (authorId === reporter.id) throw new CannotReportYourselfError();
}

/**
 * A moderator dismisses an open report (CONFLICT once decided) unless they are a party to it
 * (FORBIDDEN): they filed it, or it is about them, their mission, their rating or their conversation.
 */
export function assertMayDismiss(moderator: Viewer, report: Report | null, partyToReported: boolean): asserts report is Report {
  if (!report) throw new NotFoundError('Report');
  if (report.reporterId === moderator.id || partyToReported) throw new PartyToReportError();
  if (report.status !== ReportStatus.OPEN) throw new ReportNotOpenError();
}

/** What deciding a report records: the outcome, who decided, and when (an open report has none of them). */
export function resolutionBy(
  moderator: Viewer,
  status: ReportStatus.ACTIONED | ReportStatus.DISMISSED,
  at: Date,
): Pick<Report, 'status' | 'resolvedById' | 'resolvedAt'> {
  return { status, resolvedById: moderator.id, resolvedAt: at };
}

/** Nobody suspends themselves; moderators suspend users, and only admins suspend moderators and admins. */
export function assertMaySuspend(moderator: Viewer, user: Viewer): void {
  if (user.id === moderator.id) throw new SuspensionNotAllowedError('You cannot suspend yourself.');
  if (isModerator(user) && !hasRole(moderator, Role.ADMIN)) {
    throw new SuspensionNotAllowedError('Only an admin can suspend a moderator or an admin.');
  }
}

/** hideRating's reason, and what the moderation log records of it. */
export interface RatingHidingDecision extends RatingHiding {
  loggedReason: string;
}

/**
 * hideRating's reason: a code of the closed list with an optional detail (logged as `CODE: detail`),
 * or, from clients of the former contract, the free-text reason alone, recorded as TERMS_BREACH with
 * that text as its detail and logged as it was before.
 */
export function ratingHidingOf(args: {
  reasonCode?: RatingHideReason | null;
  detail?: string | null;
  reason?: string | null;
}): RatingHidingDecision {
  const { reasonCode, detail, reason } = args;
  if (reasonCode) {
    if (reason) throw BadUserInputError.forField('reason', 'is replaced by reasonCode and detail: give one or the other');
    return { code: reasonCode, detail: detail || null, loggedReason: detail ? `${reasonCode}: ${detail}` : reasonCode };
  }
  if (!reason) throw BadUserInputError.forField('reasonCode', 'is required: one of the reasons published by reviewPolicy');
  if (detail) throw BadUserInputError.forField('detail', 'goes with reasonCode');
  return { code: RatingHideReason.TERMS_BREACH, detail: reason, loggedReason: reason };
}
