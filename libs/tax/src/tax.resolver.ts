import { User, UserType } from '@marketplace/accounts';
import { CurrentViewer, FieldContext, isModerator, RequestLoaders, RequireRoles, Role, Viewer, viewerOf } from '@marketplace/common';
import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { UpdateTaxProfileInput } from './dto/update-tax-profile.input';
import { TaxProfile } from './profile/tax-profile.entity';
import { TaxProfilesService } from './profile/tax-profiles.service';
import { TaxProfileType } from './tax.types';

@Resolver()
export class TaxProfileResolver {
  constructor(private readonly profiles: TaxProfilesService) {}

  @RequireRoles(Role.PROVIDER)
  @Mutation(() => TaxProfileType, {
    description:
      'Providers: replaces their tax profile. BAD_USER_INPUT for an activity start after today, a VAT number failing its key, none while LIABLE, a VAT rate not allowed, or negative off-platform revenue; nothing is written then.',
  })
  updateTaxProfile(
    @CurrentViewer() viewer: Viewer,
    @Args('input', { description: 'The whole profile.' }) input: UpdateTaxProfileInput,
  ): Promise<TaxProfile> {
    return this.profiles.update(viewer, input);
  }
}

/** `User.taxProfile`, batched per request. */
@Resolver(() => UserType)
export class UserTaxProfileResolver {
  constructor(
    private readonly profiles: TaxProfilesService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => TaxProfileType, {
    nullable: true,
    description: "The provider's tax profile: to the user and to moderators only (null for anyone else, and before updateTaxProfile).",
  })
  async taxProfile(user: User, _args: unknown, { req }: FieldContext): Promise<TaxProfile | null> {
    const viewer = viewerOf(req);
    if (!viewer || (viewer.id !== user.id && !isModerator(viewer))) return null;
    return this.loaders.get(req, 'taxProfileByUser', (ids: readonly string[]) => this.profiles.profilesOf(ids)).load(user.id);
  }
}
