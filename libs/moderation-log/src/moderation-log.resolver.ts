import { User, UsersLoader, UserType } from '@marketplace/accounts';
import { Connection, PAGE_AFTER_DESCRIPTION, PAGE_SIZE_DESCRIPTION, RequireRoles, Role } from '@marketplace/common';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { ModerationAction } from './moderation-action.entity';
import { ModerationActionConnection, ModerationActionType } from './moderation-action.type';
import { ModerationLog } from './moderation-log.service';

@Resolver(() => ModerationActionType)
export class ModerationLogResolver {
  constructor(
    private readonly log: ModerationLog,
    private readonly users: UsersLoader,
  ) {}

  @RequireRoles(Role.MODERATOR)
  @Query(() => ModerationActionConnection, { description: 'Moderators only: newest first.' })
  moderationLog(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<ModerationAction>> {
    return this.log.list(first ?? 50, after);
  }

  @ResolveField(() => UserType, {
    nullable: true,
    description: 'The moderator (or admin) who acted; null for an automated decision (an identity verified by FranceConnect).',
  })
  moderator(@Parent() action: ModerationAction, @Context('req') req: Request): Promise<User> | null {
    return action.moderatorId ? this.users.load(req, action.moderatorId) : null;
  }
}
