import { NotFoundError, Role, Viewer } from '@marketplace/common';
import { CannotReportYourselfError, PartyToReportError, ReportNotOpenError, SuspensionNotAllowedError } from './moderation.errors';
import { assertMayDismiss, assertMayReport, assertMaySuspend, REPORTS_ACTIONED_BY, resolutionBy } from './moderation-rules';
import { Report, ReportStatus, ReportTarget } from './report.entity';

const user: Viewer = { id: 'user', roles: [Role.CLIENT] };
const provider: Viewer = { id: 'provider', roles: [Role.CLIENT, Role.PROVIDER] };
const moderator: Viewer = { id: 'moderator', roles: [Role.CLIENT, Role.MODERATOR] };
const otherModerator: Viewer = { id: 'other-moderator', roles: [Role.CLIENT, Role.MODERATOR] };
const admin: Viewer = { id: 'admin', roles: [Role.CLIENT, Role.ADMIN] };
const otherAdmin: Viewer = { id: 'other-admin', roles: [Role.CLIENT, Role.MODERATOR, Role.ADMIN] };
const filedAt = new Date('2026-12-01T10:00:00Z');

function aReport(changes: Partial<Report> = {}): Report {
  return {
    id: 'report',
    target: ReportTarget.USER,
    targetId: provider.id,
    reason: 'Demande un paiement hors plateforme.',
    reporterId: user.id,
    status: ReportStatus.OPEN,
    resolvedById: null,
    resolvedAt: null,
    createdAt: filedAt,
    ...changes,
  };
}

describe('reporting', () => {
  it('is open to anyone about another user, or a mission or a rating someone else wrote', () => {
    expect(() => assertMayReport(user, provider.id)).not.toThrow();
  });

  it('refuses reporting yourself, your own mission or your own rating (BAD_USER_INPUT on targetId)', () => {
    expect(() => assertMayReport(user, user.id)).toThrow(CannotReportYourselfError);
    expect(() => assertMayReport(moderator, moderator.id)).toThrow(CannotReportYourselfError);
  });
});

describe('dismissing a report', () => {
  it('is for a moderator who is not a party, while the report is open', () => {
    expect(() => assertMayDismiss(moderator, aReport(), false)).not.toThrow();
  });

  it('is refused to the moderator who filed it, or whom it is about, or who is a party to what was reported (FORBIDDEN)', () => {
    expect(() => assertMayDismiss(moderator, aReport({ reporterId: moderator.id }), false)).toThrow(PartyToReportError);
    expect(() => assertMayDismiss(moderator, aReport({ target: ReportTarget.MISSION }), true)).toThrow(PartyToReportError);
    expect(() => assertMayDismiss(moderator, aReport(), true)).toThrow('another moderator must act');
  });

  it('happens once: a report already decided is CONFLICT, and a missing one NOT_FOUND', () => {
    for (const status of [ReportStatus.ACTIONED, ReportStatus.DISMISSED]) {
      expect(() => assertMayDismiss(moderator, aReport({ status }), false)).toThrow(ReportNotOpenError);
    }
    expect(() => assertMayDismiss(moderator, null, false)).toThrow(NotFoundError);
  });

  it('says who is a party before whether it is still open', () => {
    expect(() => assertMayDismiss(moderator, aReport({ reporterId: moderator.id, status: ReportStatus.DISMISSED }), false)).toThrow(
      PartyToReportError,
    );
  });

  it('records the outcome, who decided and when', () => {
    const decidedAt = new Date('2026-12-02T10:00:00Z');
    expect(resolutionBy(moderator, ReportStatus.DISMISSED, decidedAt)).toEqual({
      status: ReportStatus.DISMISSED,
      resolvedById: moderator.id,
      resolvedAt: decidedAt,
    });
  });
});

describe('what the actions on a reported target do to its reports', () => {
  it('actions the open reports on the mission hidden, the rating hidden, the message hidden, the user suspended', () => {
    expect(REPORTS_ACTIONED_BY).toEqual({
      HIDE_MISSION: ReportTarget.MISSION,
      HIDE_RATING: ReportTarget.RATING,
      HIDE_MESSAGE: ReportTarget.MESSAGE,
      SUSPEND_USER: ReportTarget.USER,
    });
  });
});

describe('suspending a user', () => {
  it('is for any moderator when the user is neither a moderator nor an admin', () => {
    for (const actor of [moderator, admin]) {
      for (const suspended of [user, provider]) expect(() => assertMaySuspend(actor, suspended)).not.toThrow();
    }
  });

  it('is for admins only when the user is a moderator or an admin (FORBIDDEN for moderators)', () => {
    for (const suspended of [otherModerator, otherAdmin]) {
      expect(() => assertMaySuspend(moderator, suspended)).toThrow(SuspensionNotAllowedError);
      expect(() => assertMaySuspend(moderator, suspended)).toThrow('Only an admin can suspend a moderator or an admin.');
      expect(() => assertMaySuspend(admin, suspended)).not.toThrow();
    }
  });

  it('is never for yourself, not even as an admin', () => {
    for (const actor of [moderator, admin]) expect(() => assertMaySuspend(actor, actor)).toThrow('You cannot suspend yourself.');
  });
});
