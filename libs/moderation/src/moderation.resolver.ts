import { GrantRoleArgs, RateLimit, User, UsersLoader, UserType } from '@marketplace/accounts';
import {
  assertUuid,
  Connection,
  CurrentViewer,
  FieldContext,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  RequireRoles,
  RestrictionArgs,
  Role,
  Viewer,
} from '@marketplace/common';
import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Mission, MissionType } from '@marketplace/missions';
import { Rating, RatingType } from '@marketplace/ratings';
import { MessageType, MessageView } from '@marketplace/conversations';
import { HideRatingArgs } from './dto/hide-rating.args';
import { ReportArgs } from './dto/report.args';
import { ratingHidingOf } from './moderation-rules';
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
  @Mutation(() => ReportType, {
    description:
      'Reports a mission or a rating the viewer can see, a message of a conversation they take part in, or another user, to the moderators. NOT_FOUND for what does not exist or the viewer cannot see, BAD_USER_INPUT for oneself, CONFLICT while the viewer has an open report on it. TOO_MANY_REQUESTS past RATE_LIMIT_REPORT_PER_USER (20 an hour by default).',
  })
  report(@CurrentViewer() viewer: Viewer, @Args() { target, targetId, reason }: ReportArgs): Promise<Report> {
    return this.moderation.report(viewer, target, targetId, reason);
  }

  @RequireRoles(Role.MODERATOR)
  @Query(() => ReportConnection, { description: 'Moderators only: oldest first.' })
  reports(
    @Args('status', {
      type: () => ReportStatus,
      nullable: true,
      defaultValue: ReportStatus.OPEN,
      description: 'The reports in this status.',
    })
    status: ReportStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<Report>> {
    return this.moderation.list(status ?? ReportStatus.OPEN, first ?? 20, after);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => ReportType, {
    description:
      'Moderators only: closes an OPEN report as DISMISSED; written to the moderation log. CONFLICT once it is decided; FORBIDDEN when the moderator filed it or it is about them, their mission or their rating.',
  })
  dismissReport(
    @CurrentViewer() moderator: Viewer,
    @Args('id', { type: () => ID, description: "The report's id." }) id: string,
  ): Promise<Report> {
    return this.moderation.dismiss(moderator, assertUuid(id));
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => MissionType, {
    description:
      'Moderators only, not a party to the mission: hides it from search and from everyone but its client, its assigned provider and moderators; it takes no more bids. Open reports on it are ACTIONED; written to the moderation log. FORBIDDEN when the moderator has an open report of their own on it; CONFLICT when it is hidden already.',
  })
  hideMission(@CurrentViewer() moderator: Viewer, @Args() { id, reason, groundId }: RestrictionArgs): Promise<Mission> {
    return this.moderation.hideMission(moderator, id, reason, groundId ?? undefined);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => RatingType, {
    description:
      "Moderators only, neither its author nor its subject: hides a rating from lists and from its subject's reputation, for a reason of the closed list (reasonCode, with an optional detail); its author is told the reason (RATING_HIDDEN). Open reports on it are ACTIONED; written to the moderation log. BAD_USER_INPUT without reasonCode (or the deprecated reason); FORBIDDEN when the moderator has an open report of their own on it; CONFLICT when it is hidden already.",
  })
  hideRating(@CurrentViewer() moderator: Viewer, @Args() args: HideRatingArgs): Promise<Rating> {
    return this.moderation.hideRating(moderator, args.id, ratingHidingOf(args), args.groundId ?? undefined);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => MessageType, {
    description:
      'Moderators only, taking no part in its conversation: hides a message of a conversation with a reported message; its participants see that it was hidden, not its text, and its author is told why. Open reports on it are ACTIONED; written to the moderation log. NOT_FOUND for a message the moderator may not read; FORBIDDEN when they take part in the conversation or have an open report of their own on it; CONFLICT when it is hidden already.',
  })
  hideMessage(@CurrentViewer() moderator: Viewer, @Args() { id, reason, groundId }: RestrictionArgs): Promise<MessageView> {
    return this.moderation.hideMessage(moderator, id, reason, groundId ?? undefined);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => UserType, {
    description:
      'Moderators only: locks a user out (every session revoked, no sign-in, no action), withdraws their OPEN missions and PENDING bids, and actions the open reports about them; written to the moderation log. Only an admin suspends a moderator or an admin, nobody themselves (FORBIDDEN); CONFLICT when already suspended.',
  })
  suspendUser(@CurrentViewer() moderator: Viewer, @Args() { id, reason, groundId }: RestrictionArgs): Promise<User> {
    return this.moderation.suspendUser(moderator, id, reason, groundId ?? undefined);
  }

  @RequireRoles(Role.ADMIN)
  @Mutation(() => UserType, {
    description:
      'Admins only: gives a user the MODERATOR or ADMIN role, written to the moderation log. NOT_FOUND for an unknown user; returns the user with the role.',
  })
  grantRole(@CurrentViewer() admin: Viewer, @Args() { userId, role }: GrantRoleArgs): Promise<User> {
    return this.moderation.grantRole(admin, userId, role);
  }

  @ResolveField(() => UserType, { description: 'The user who filed the report.' })
  reporter(report: Report, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, report.reporterId);
  }
}
