import { AccountsService, User } from '@marketplace/accounts';
import { Clock, Connection, hasRole, isModerator, NotFoundError, Role, Viewer } from '@marketplace/common';
import { pageByTime, Transactions } from '@marketplace/database';
import { ModerationLog } from '@marketplace/moderation-log';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  AlreadyReportedError,
  AlreadySuspendedError,
  CannotReportYourselfError,
  ReportNotOpenError,
  SuspensionNotAllowedError,
} from './moderation.errors';
import { Report, ReportStatus, ReportTarget } from './report.entity';

/** The moderation desk: reports from users, and what moderators do about them. */
@Injectable()
export class ModerationService {
  constructor(
    @InjectRepository(Report) private readonly reports: Repository<Report>,
    private readonly accounts: AccountsService,
    private readonly moderationLog: ModerationLog,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async report(reporter: Viewer, target: ReportTarget, targetId: string, reason: string): Promise<Report> {
    await this.assertReportable(reporter, target, targetId);
    const inserted = await this.reports
      .createQueryBuilder()
      .insert()
      .values({ reporterId: reporter.id, target, targetId, reason })
      .orIgnore() // the reporter's open report on this target already exists
      .returning(['id'])
      .execute();
    const [row] = inserted.raw as { id: string }[];
    if (!row) throw new AlreadyReportedError();
    return this.reports.findOneByOrFail({ id: row.id });
  }

  /** For moderators: oldest first. */
  async list(status: ReportStatus, first: number, after?: string | null): Promise<Connection<Report>> {
    const query = this.reports.createQueryBuilder('r').where('r.status = :status', { status });
    return pageByTime(query, { column: 'created_at', direction: 'ASC', timeOf: (row) => row.createdAt }, first, after);
  }

  async dismiss(moderator: Viewer, id: string): Promise<Report> {
    return this.transactions.run(async (manager) => {
      const dismissed = await manager.update(
        Report,
        { id, status: ReportStatus.OPEN },
        { status: ReportStatus.DISMISSED, resolvedById: moderator.id, resolvedAt: this.clock.now() },
      );
      if (dismissed.affected === 0) {
        if (!(await manager.existsBy(Report, { id }))) throw new NotFoundError('Report');
        throw new ReportNotOpenError();
      }
      await this.moderationLog.record(manager, { moderatorId: moderator.id, action: 'DISMISS_REPORT', targetId: id });
      return manager.findOneByOrFail(Report, { id });
    });
  }

  /**
   * Locks a user out (sessions revoked, no sign-in, no action) and closes the open reports about
   * them as actioned. Moderators may suspend users; only admins may suspend moderators and admins.
   */
  async suspendUser(moderator: Viewer, userId: string, reason: string): Promise<User> {
    const user = await this.accounts.getById(userId);
    if (user.id === moderator.id) throw new SuspensionNotAllowedError('You cannot suspend yourself.');
    if (isModerator({ id: user.id, roles: user.roles }) && !hasRole(moderator, Role.ADMIN)) {
      throw new SuspensionNotAllowedError('Only an admin can suspend a moderator or an admin.');
    }
    await this.transactions.run(async (manager) => {
      if (!(await this.accounts.suspend(manager, user.id, reason))) throw new AlreadySuspendedError();
      await manager.update(
        Report,
        { target: ReportTarget.USER, targetId: user.id, status: ReportStatus.OPEN },
        { status: ReportStatus.ACTIONED, resolvedById: moderator.id, resolvedAt: this.clock.now() },
      );
      await this.moderationLog.record(manager, { moderatorId: moderator.id, action: 'SUSPEND_USER', targetId: user.id, reason });
    });
    return this.accounts.getById(user.id);
  }

  /** Only what exists can be reported. Missions (#4) and ratings (#6) join this switch when they exist. */
  private async assertReportable(reporter: Viewer, target: ReportTarget, targetId: string): Promise<void> {
    switch (target) {
      case ReportTarget.USER:
        if (targetId === reporter.id) throw new CannotReportYourselfError();
        if (!(await this.accounts.findById(targetId))) throw new NotFoundError('User');
        return;
      case ReportTarget.MISSION:
        throw new NotFoundError('Mission');
      case ReportTarget.RATING:
        throw new NotFoundError('Rating');
    }
  }
}
