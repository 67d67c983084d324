import { AccountsService, Locale, User } from '@marketplace/accounts';
import { BidsService } from '@marketplace/bids';
import { ConversationsService, MessageView } from '@marketplace/conversations';
import { Mission, MissionLifecycle, MissionsService } from '@marketplace/missions';
import { hideReasonText, Rating, RatingsService } from '@marketplace/ratings';
import { Clock, Connection, hasRole, isModerator, NotFoundError, Role, Viewer } from '@marketplace/common';
import { pageByTime, Transactions } from '@marketplace/database';
import {
  DEFAULT_GROUNDS,
  ModerationDecision,
  ModerationDecisionKind,
  ModerationDecisionsService,
  StatementNotice,
} from '@marketplace/moderation-decisions';
import { ModerationLog } from '@marketplace/moderation-log';
import { NotificationKind, Notifier } from '@marketplace/notifications';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AlreadyReportedError, AlreadySuspendedError, OwnOpenReportError, SuspensionNotAllowedError } from './moderation.errors';
import {
  ActionOnReported,
  assertMayDismiss,
  assertMayReport,
  assertMaySuspend,
  RatingHidingDecision,
  REPORTS_ACTIONED_BY,
  resolutionBy,
} from './moderation-rules';
import { Report, ReportStatus, ReportTarget } from './report.entity';

/** The moderation desk: reports from users, and what moderators do about them. */
@Injectable()
export class ModerationService {
  constructor(
    @InjectRepository(Report) private readonly reports: Repository<Report>,
    private readonly accounts: AccountsService,
    private readonly missions: MissionsService,
    private readonly missionLifecycle: MissionLifecycle,
    private readonly bids: BidsService,
    private readonly ratings: RatingsService,
    private readonly conversations: ConversationsService,
    private readonly moderationLog: ModerationLog,
    private readonly decisions: ModerationDecisionsService,
    private readonly notifier: Notifier,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async report(reporter: Viewer, target: ReportTarget, targetId: string, reason: string): Promise<Report> {
    await this.assertReportable(reporter, target, targetId);
    return this.transactions.run(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Report)
        .values({ reporterId: reporter.id, target, targetId, reason })
        .orIgnore() // the reporter's open report on this target already exists
        .returning(['id'])
        .execute();
      const [row] = inserted.raw as { id: string }[];
      if (!row) throw new AlreadyReportedError();
      if (target === ReportTarget.MESSAGE) await this.conversations.recordReport(manager, targetId);
      return manager.findOneByOrFail(Report, { id: row.id });
    });
  }

  /** For moderators: oldest first. */
  async list(status: ReportStatus, first: number, after?: string | null): Promise<Connection<Report>> {
    const query = this.reports.createQueryBuilder('r').where('r.status = :status', { status });
    return pageByTime(query, { column: 'created_at', direction: 'ASC', timeOf: (row) => row.createdAt }, first, after);
  }

  /** Of the reports asked, those the viewer may see: reports are for moderators only (as the reports query). */
  async reportsVisibleTo(viewer: Viewer | undefined, ids: readonly string[]): Promise<Report[]> {
    return isModerator(viewer) ? this.reports.findBy({ id: In([...ids]) }) : [];
  }

  async dismiss(moderator: Viewer, id: string): Promise<Report> {
    return this.transactions.run(async (manager) => {
      const report = await manager.findOne(Report, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertMayDismiss(moderator, report, !!report && (await this.isPartyToReported(manager, report, moderator)));
      await manager.update(Report, { id }, resolutionBy(moderator, ReportStatus.DISMISSED, this.clock.now()));
      await this.moderationLog.record(manager, { moderatorId: moderator.id, action: 'DISMISS_REPORT', targetId: id });
      const dismissed = await manager.findOneByOrFail(Report, { id });
      await this.tellReporters(manager, [dismissed.reporterId], dismissed.target, ReportStatus.DISMISSED);
      return dismissed;
    });
  }

  /** Hides a mission from search and from everyone but its parties; open reports on it are actioned. */
  async hideMission(moderator: Viewer, missionId: string, reason: string, groundId?: string): Promise<Mission> {
    return this.transactions.run(async (manager) => {
      const mission = await this.missions.hide(manager, moderator, missionId, reason);
      await this.actionReports(manager, moderator, 'HIDE_MISSION', missionId, reason);
      await this.stateHiding(manager, moderator, {
        userId: mission.clientId,
        targetType: ReportTarget.MISSION,
        targetId: missionId,
        reason,
        groundId,
        notice: { missionId, facts: { missionTitle: mission.title } },
      });
      return mission;
    });
  }

  /** Hides a rating from lists and from its subject's reputation, for a reason of the closed list; open reports on it are actioned. */
  async hideRating(moderator: Viewer, ratingId: string, hiding: RatingHidingDecision, groundId?: string): Promise<Rating> {
    return this.transactions.run(async (manager) => {
      const rating = await this.ratings.hide(manager, moderator, ratingId, hiding);
      await this.actionReports(manager, moderator, 'HIDE_RATING', ratingId, hiding.loggedReason);
      const mission = await this.missions.findVisible(moderator, rating.missionId, manager);
      await this.stateHiding(manager, moderator, {
        userId: rating.authorId,
        targetType: ReportTarget.RATING,
        targetId: ratingId,
        reason: hiding.loggedReason,
        groundId,
        // The reason's label from the published list, in both languages, as the author is told it.
        notice: {
          missionId: rating.missionId,
          facts: {
            missionTitle: mission?.title ?? '',
            reasonFr: hideReasonText(Locale.FR, hiding.code, hiding.detail),
            reasonEn: hideReasonText(Locale.EN, hiding.code, hiding.detail),
          },
        },
      });
      return rating;
    });
  }

  /** Hides a message from its conversation's participants (they see that it was hidden); open reports on it are actioned. */
  async hideMessage(moderator: Viewer, messageId: string, reason: string, groundId?: string): Promise<MessageView> {
    return this.transactions.run(async (manager) => {
      const { message, conversation } = await this.conversations.hide(manager, moderator, messageId, reason);
      await this.actionReports(manager, moderator, 'HIDE_MESSAGE', messageId, reason);
      await this.stateHiding(manager, moderator, {
        userId: message.authorId,
        targetType: ReportTarget.MESSAGE,
        targetId: messageId,
        reason,
        groundId,
        notice: { missionId: conversation.missionId, conversationId: conversation.id, facts: { missionTitle: conversation.mission.title } },
      });
      return message;
    });
  }

  /**
   * Locks a user out (sessions revoked, no sign-in, no action), withdraws their open missions and
   * pending bids, and closes the open reports about them as actioned. The user hears it by its
   * statement of reasons alone, by email too: they can no longer sign in to read it.
   * Moderators may suspend users; only admins may suspend moderators and admins.
   */
  async suspendUser(moderator: Viewer, userId: string, reason: string, groundId: string = DEFAULT_GROUNDS.SUSPENSION): Promise<User> {
    const user = await this.transactions.run(async (manager) => {
      // Locked first: a role granted at the same moment is either seen here or waits for the suspension.
      const user = await this.accounts.lockById(manager, userId);
      assertMaySuspend(moderator, { id: user.id, roles: user.roles });
      if (!(await this.accounts.suspend(manager, user.id, reason))) throw new AlreadySuspendedError();
      await this.missionLifecycle.withdrawOpenMissionsOf(manager, user.id, `The client's account was suspended.`);
      await this.bids.withdrawPendingBidsOf(manager, user.id);
      await this.actionReports(manager, moderator, 'SUSPEND_USER', user.id, reason);
      await this.decisions.issue(manager, {
        userId: user.id,
        kind: ModerationDecisionKind.SUSPENSION,
        facts: reason,
        groundId,
        automated: false,
        targetType: 'USER',
        targetId: user.id,
        moderatorId: moderator.id,
      });
      return user;
    });
    return this.accounts.getById(user.id);
  }

  /** An admin gives a user MODERATOR or ADMIN (see AccountsService.grantRole); the log records who granted what to whom. */
  async grantRole(admin: Viewer, userId: string, role: Role): Promise<User> {
    return this.transactions.run(async (manager) => {
      const { user, added } = await this.accounts.grantRole(userId, role, manager);
      if (added) await this.moderationLog.record(manager, { moderatorId: admin.id, action: 'GRANT_ROLE', targetId: user.id, reason: role });
      return user;
    });
  }

  /**
   * What reversing a decision on review undoes, in the review's transaction: hidden content shown
   * again, a suspension lifted. The missions withdrawn and bids declined with a suspension stay so
   * (others may have moved on since); the outcome statement says it. Only an admin lifts the
   * suspension of a moderator or an admin, as only an admin imposes it.
   */
  async reverse(manager: EntityManager, decision: ModerationDecision, reviewer: Viewer): Promise<void> {
    if (decision.kind === ModerationDecisionKind.SUSPENSION) {
      const user = await this.accounts.lockById(manager, decision.userId);
      if (isModerator(user) && !hasRole(reviewer, Role.ADMIN)) {
        throw new SuspensionNotAllowedError('Only an admin can lift the suspension of a moderator or an admin.');
      }
      return this.accounts.liftSuspension(manager, decision.userId);
    }
    const targetId = decision.targetId!;
    if (decision.targetType === ReportTarget.MISSION) return this.missions.unhide(manager, targetId);
    if (decision.targetType === ReportTarget.RATING) return this.ratings.unhide(manager, targetId);
    return this.conversations.unhide(manager, targetId);
  }

  /** The statement of reasons to the author of what was hidden: the one notice they get of it. */
  private async stateHiding(
    manager: EntityManager,
    moderator: Viewer,
    hiding: { userId: string; targetType: ReportTarget; targetId: string; reason: string; groundId?: string; notice: StatementNotice },
  ): Promise<void> {
    await this.decisions.issue(manager, {
      userId: hiding.userId,
      kind: ModerationDecisionKind.CONTENT_HIDDEN,
      facts: hiding.reason,
      groundId: hiding.groundId ?? DEFAULT_GROUNDS.CONTENT_HIDDEN,
      automated: false,
      targetType: hiding.targetType,
      targetId: hiding.targetId,
      moderatorId: moderator.id,
      notice: hiding.notice,
    });
  }

  /**
   * After an action on a target, in its transaction: the open reports on the target become ACTIONED
   * (a moderator never actions a report of their own), and the log records the action.
   */
  private async actionReports(
    manager: EntityManager,
    moderator: Viewer,
    action: ActionOnReported,
    targetId: string,
    reason: string,
  ): Promise<void> {
    const target = REPORTS_ACTIONED_BY[action];
    if (await manager.existsBy(Report, { target, targetId, status: ReportStatus.OPEN, reporterId: moderator.id })) {
      throw new OwnOpenReportError();
    }
    const actioned = await manager
      .createQueryBuilder()
      .update(Report)
      .set(resolutionBy(moderator, ReportStatus.ACTIONED, this.clock.now()))
      .where({ target, targetId, status: ReportStatus.OPEN })
      .returning(['reporterId'])
      .execute();
    await this.moderationLog.record(manager, { moderatorId: moderator.id, action, targetId, reason });
    const reporterIds = (actioned.raw as { reporter_id: string }[]).map((row) => row.reporter_id);
    await this.tellReporters(manager, reporterIds, target, ReportStatus.ACTIONED);
  }

  /** Reporters hear what became of their report, not the moderator's reason (it is about someone else). */
  private async tellReporters(manager: EntityManager, reporterIds: string[], target: ReportTarget, outcome: ReportStatus): Promise<void> {
    for (const userId of reporterIds) {
      await this.notifier.notify(manager, { userId, kind: NotificationKind.REPORT_OUTCOME, facts: { target, outcome } });
    }
  }

  /** Whether the viewer is who the report is about: the reported user, or a party to the mission or rating (as its domain says). */
  private async isPartyToReported(manager: EntityManager, report: Report, viewer: Viewer): Promise<boolean> {
    switch (report.target) {
      case ReportTarget.USER:
        return report.targetId === viewer.id;
      case ReportTarget.MISSION:
        return this.missions.isPartyTo(manager, report.targetId, viewer);
      case ReportTarget.RATING:
        return this.ratings.isPartyTo(manager, report.targetId, viewer);
      case ReportTarget.MESSAGE:
        return this.conversations.isPartyTo(manager, report.targetId, viewer);
    }
  }

  /** Only what exists, and what the reporter can see, can be reported; not by whoever it is or wrote it. */
  private async assertReportable(reporter: Viewer, target: ReportTarget, targetId: string): Promise<void> {
    assertMayReport(reporter, await this.authorOfReportable(reporter, target, targetId));
  }

  /** The user reported, the mission's client, the rating's or the message's author; NOT_FOUND when the reporter cannot see it. */
  private async authorOfReportable(reporter: Viewer, target: ReportTarget, targetId: string): Promise<string> {
    switch (target) {
      case ReportTarget.USER: {
        const user = await this.accounts.findById(targetId);
        if (!user) throw new NotFoundError('User');
        return user.id;
      }
      case ReportTarget.MISSION: {
        const mission = await this.missions.findVisible(reporter, targetId);
        if (!mission) throw new NotFoundError('Mission');
        return mission.clientId;
      }
      case ReportTarget.RATING: {
        const rating = await this.ratings.findVisible(reporter, targetId);
        if (!rating) throw new NotFoundError('Rating');
        return rating.authorId;
      }
      case ReportTarget.MESSAGE:
        return this.conversations.authorOfReportable(reporter, targetId);
    }
  }
}
