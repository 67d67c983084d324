import { AllowAnonymous, assertUuid, CurrentViewer, isModerator, RequireRoles, Role, Viewer } from '@marketplace/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountsService } from './accounts.service';
import { GrantRoleArgs } from './dto/grant-role.args';
import { UpdateProfileInput } from './dto/update-profile.input';
import { User } from './user.entity';
import { UserType } from './user.type';

function isSelfOrModerator(user: User, viewer: Viewer | undefined): boolean {
  return !!viewer && (viewer.id === user.id || isModerator(viewer));
}

@Resolver(() => UserType)
export class UserResolver {
  constructor(private readonly accounts: AccountsService) {}

  @AllowAnonymous()
  @Query(() => UserType, {
    nullable: true,
    description: 'The signed-in user; null without a token, so that an anonymous query asking for it keeps the rest of its data.',
  })
  me(@CurrentViewer() viewer: Viewer | undefined): Promise<User | null> {
    return viewer ? this.accounts.getById(viewer.id) : Promise.resolve(null);
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

  @ResolveField(() => Boolean)
  isSuspended(@Parent() user: User): boolean {
    return user.suspendedAt !== null;
  }
}
