import { User, UsersLoader, UserType } from '@marketplace/accounts';
import {
  assertUuid,
  Connection,
  FieldContext,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  RequireRoles,
  Role,
} from '@marketplace/common';
import { Args, ID, Int, Query, ResolveField, Resolver } from '@nestjs/graphql';
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
  @Query(() => ModerationActionConnection, { description: 'Moderators only: newest first, of one moderator, verb or target when asked.' })
  moderationLog(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
    @Args('moderatorId', { type: () => ID, nullable: true, description: 'Only the actions of this moderator.' })
    moderatorId?: string | null,
    @Args('action', { type: () => String, nullable: true, description: 'Only this verb (APPROVE_IDENTITY, HIDE_MESSAGE…).' })
    action?: string | null,
    @Args('targetId', { type: () => ID, nullable: true, description: 'Only the actions on this target.' }) targetId?: string | null,
  ): Promise<Connection<ModerationAction>> {
    return this.log.list(first ?? 50, after, {
      moderatorId: moderatorId ? assertUuid(moderatorId, 'moderatorId') : null,
      action: action ?? null,
      targetId: targetId ? assertUuid(targetId, 'targetId') : null,
    });
  }

  @ResolveField(() => UserType, { description: 'The moderator (or admin) who acted.' })
  moderator(action: ModerationAction, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, action.moderatorId!);
  }
}
