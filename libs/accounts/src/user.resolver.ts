import { AllowAnonymous, assertUuid, CurrentViewer, FieldContext, isModerator, Viewer, viewerOf } from '@marketplace/common';
import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountsService } from './accounts.service';
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

  @AllowAnonymous()
  @Query(() => UserType, { nullable: true, description: 'The signed-in user; null for an anonymous viewer.' })
  me(@CurrentViewer() viewer: Viewer | undefined): Promise<User | null> {
    return viewer ? this.accounts.getById(viewer.id) : Promise.resolve(null);
  }

  @AllowAnonymous()
  @Query(() => UserType, { nullable: true, description: 'A user by id, for anyone (anonymous viewers too); null when there is none.' })
  user(@Args('id', { type: () => ID, description: "The user's id." }) id: string): Promise<User | null> {
    return this.accounts.findById(assertUuid(id));
  }

  @Mutation(() => UserType, { description: "Changes the viewer's display name or phone number; returns the user as changed." })
  updateProfile(
    @CurrentViewer() viewer: Viewer,
    @Args('input', { description: 'The fields to change.' }) input: UpdateProfileInput,
  ): Promise<User> {
    return this.accounts.updateProfile(viewer.id, input);
  }

  @ResolveField(() => String, { nullable: true, description: 'Visible to the user and to moderators only; null for anyone else.' })
  email(user: User, _args: unknown, { req }: FieldContext): string | null {
    const viewer = viewerOf(req);
    return isSelfOrModerator(user, viewer) ? user.email : null;
  }

  @ResolveField(() => Date, {
    nullable: true,
    description: 'When the user verified their email address; visible to the user and to moderators only.',
  })
  emailVerifiedAt(user: User, _args: unknown, { req }: FieldContext): Date | null {
    const viewer = viewerOf(req);
    return isSelfOrModerator(user, viewer) ? user.emailVerifiedAt : null;
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    description:
      'Whether the user followed a link sent to their email address; visible to the user and to moderators only (null for anyone else).',
  })
  isEmailVerified(user: User, _args: unknown, { req }: FieldContext): boolean | null {
    const viewer = viewerOf(req);
    return isSelfOrModerator(user, viewer) ? user.emailVerifiedAt !== null : null;
  }

  @ResolveField(() => Locale, {
    nullable: true,
    description: 'The language of the emails sent to the user; visible to the user and to moderators only.',
  })
  locale(user: User, _args: unknown, { req }: FieldContext): Locale | null {
    const viewer = viewerOf(req);
    return isSelfOrModerator(user, viewer) ? user.locale : null;
  }

  @ResolveField(() => Boolean, { description: 'True once a moderator suspended the account: it can no longer sign in or act.' })
  isSuspended(user: User): boolean {
    return user.suspendedAt !== null;
  }
}
