import { RateLimit, User, UsersLoader, UserType } from '@marketplace/accounts';
import { Connection, CurrentViewer, IdWithReasonArgs, RequireRoles, Role, Viewer, assertUuid } from '@marketplace/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { Mission, MissionType } from '@marketplace/missions';
import { Rating, RatingType } from '@marketplace/ratings';
import { ReportArgs } from './dto/report.args';
import { ModerationService } from './moderation.service';
import { Report, ReportStatus } from './report.entity';
import { ReportConnection, ReportType } from './report.type';

@Resolver(() => ReportType)
export class ModerationResolver {
  constructor(
    private readonly moderation: ModerationService,
    private readonly users: UsersLoader,
  ) {}

  @RateLimit('report')
  @Mutation(() => ReportType)
  report(@CurrentViewer() viewer: Viewer, @Args() { target, targetId, reason }: ReportArgs): Promise<Report> {
    return this.moderation.report(viewer, target, targetId, reason);
  }

  @RequireRoles(Role.MODERATOR)
  @Query(() => ReportConnection, { description: 'Moderators only: oldest first.' })
  reports(
    @Args('status', { type: () => ReportStatus, nullable: true, defaultValue: ReportStatus.OPEN }) status: ReportStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Connection<Report>> {
    return this.moderation.list(status ?? ReportStatus.OPEN, first ?? 20, after);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => ReportType)
  dismissReport(@CurrentViewer() moderator: Viewer, @Args('id', { type: () => ID }) id: string): Promise<Report> {
    return this.moderation.dismiss(moderator, assertUuid(id));
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => MissionType)
  hideMission(@CurrentViewer() moderator: Viewer, @Args() { id, reason }: IdWithReasonArgs): Promise<Mission> {
    return this.moderation.hideMission(moderator, id, reason);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => RatingType)
  hideRating(@CurrentViewer() moderator: Viewer, @Args() { id, reason }: IdWithReasonArgs): Promise<Rating> {
    return this.moderation.hideRating(moderator, id, reason);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => UserType)
  suspendUser(@CurrentViewer() moderator: Viewer, @Args() { id, reason }: IdWithReasonArgs): Promise<User> {
    return this.moderation.suspendUser(moderator, id, reason);
  }

  @ResolveField(() => UserType)
  reporter(@Parent() report: Report, @Context('req') req: Request): Promise<User> {
    return this.users.load(req, report.reporterId);
  }
}
