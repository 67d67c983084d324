import { User, UsersLoader, UserType } from '@marketplace/accounts';
import { CurrentViewer, FieldContext, isModerator, RequestLoaders, Viewer, viewerOf } from '@marketplace/common';
import { Args, ID, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { ProviderProfileInput } from './dto/provider-profile.input';
import { ProviderProfile } from './provider-profile.entity';
import { ProviderProfileType, ServiceAreaType } from './provider-profile.type';
import { ProvidersService } from './providers.service';

@Resolver(() => ProviderProfileType)
export class ProviderProfileResolver {
  constructor(
    private readonly providers: ProvidersService,
    private readonly users: UsersLoader,
  ) {}

  @Mutation(() => ProviderProfileType, {
    description:
      "Creates or replaces the viewer's provider profile and gives them the PROVIDER role; payout settings are kept. BAD_USER_INPUT for an invalid SIRET.",
  })
  upsertProviderProfile(
    @CurrentViewer() viewer: Viewer,
    @Args('input', { description: 'The whole profile: a field left out is cleared.' }) input: ProviderProfileInput,
  ): Promise<ProviderProfile> {
    return this.providers.upsert(viewer, input);
  }

  @ResolveField(() => ID, {
    description:
      "The provider's user id (one profile per user), so that a client's cache keeps one profile per provider. Not a Node id: node(id:) with it answers the User.",
  })
  id(profile: ProviderProfile): string {
    return profile.userId;
  }

  @ResolveField(() => UserType, {
    description: 'The provider: after upsertProviderProfile, with the PROVIDER role the profile gave them.',
  })
  user(profile: ProviderProfile, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, profile.userId);
  }

  /** The profile's own columns, under the names ServiceArea gives them. */
  @ResolveField(() => ServiceAreaType, { description: 'Where the provider works.' })
  serviceArea(profile: ProviderProfile): ServiceAreaType {
    return profile;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'French business registration number; visible to the provider and to moderators only.',
  })
  siret(profile: ProviderProfile, _args: unknown, { req }: FieldContext): string | null {
    const viewer = viewerOf(req);
    return viewer && (viewer.id === profile.userId || isModerator(viewer)) ? profile.siret : null;
  }
}

/** `User.providerProfile`, batched per request. */
@Resolver(() => UserType)
export class UserProviderProfileResolver {
  constructor(
    private readonly providers: ProvidersService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => ProviderProfileType, {
    nullable: true,
    description: 'What the user offers as a provider; null unless they have a provider profile.',
  })
  providerProfile(user: User, _args: unknown, { req }: FieldContext): Promise<ProviderProfile | null> {
    return this.loaders.get(req, 'providerProfileByUser', (ids: readonly string[]) => this.providers.profilesOf(ids)).load(user.id);
  }
}
