import { AllowAnonymous, assertUuid, CurrentViewer, isModerator, RequireRoles, Role, Viewer } from '@marketplace/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountsService } from './accounts.service';
import { GrantRoleArgs } from './dto/grant-role.args';
import { UpdateProfileInput } from './dto/update-profile.input';
import { Locale } from './locale';
import { User } from './user.entity';
import { UserType } from './user.type';

function isSelfOrModerator(user: User, viewer: Viewer | undefined): boolean {
  return !!viewer && (viewer.id === user.id || isModerator(viewer));
}

@Resolver(() => UserType)
export class UserResolver {
  constructor(private readonly accounts: AccountsService) {}

  @Query(() => UserType)
  me(@CurrentViewer() viewer: Viewer): Promise<User> {
    return this.accounts.getById(viewer.id);
  }

  @AllowAnonymous()
  @Query(() => UserType, { nullable: true })
  user(@Args('id', { type: () => ID }) id: string): Promise<User | null> {
    return this.accounts.findById(assertUuid(id));
  }

  @Mutation(() => UserType)
  updateProfile(@CurrentViewer() viewer: Viewer, @Args('input') input: UpdateProfileInput): Promise<User> {
    return this.accounts.updateProfile(viewer.id, input);
  }

  @RequireRoles(Role.ADMIN)
  @Mutation(() => UserType)
  grantRole(@Args() { userId, role }: GrantRoleArgs): Promise<User> {
    return this.accounts.grantRole(userId, role);
  }

  @ResolveField(() => String, { nullable: true, description: 'Visible to the user and to moderators only; null for anyone else.' })
  email(@Parent() user: User, @CurrentViewer() viewer?: Viewer): string | null {
    return isSelfOrModerator(user, viewer) ? user.email : null;
  }

  @ResolveField(() => Date, {
    nullable: true,
    description: 'When the user verified their email address; visible to the user and to moderators only.',
  })
  emailVerifiedAt(@Parent() user: User, @CurrentViewer() viewer?: Viewer): Date | null {
    return isSelfOrModerator(user, viewer) ? user.emailVerifiedAt : null;
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    description:
      'Whether the user followed a link sent to their email address; visible to the user and to moderators only (null for anyone else).',
  })
  isEmailVerified(@Parent() user: User, @CurrentViewer() viewer?: Viewer): boolean | null {
    return isSelfOrModerator(user, viewer) ? user.emailVerifiedAt !== null : null;
  }

  @ResolveField(() => Locale, {
    nullable: true,
    description: 'The language of the emails sent to the user; visible to the user and to moderators only.',
  })
  locale(@Parent() user: User, @CurrentViewer() viewer?: Viewer): Locale | null {
    return isSelfOrModerator(user, viewer) ? user.locale : null;
  }

  @ResolveField(() => Boolean)
  isSuspended(@Parent() user: User): boolean {
    return user.suspendedAt !== null;
  }
}
