import { Locale, UsersLoader } from '@marketplace/accounts';
import { AllowAnonymous, CurrentViewer, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { ReviewPolicy, reviewPolicy } from './review-policy';
import { ReviewPolicyType } from './review-policy.type';

@Resolver(() => ReviewPolicyType)
export class ReviewPolicyResolver {
  constructor(
    private readonly users: UsersLoader,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @AllowAnonymous()
  @Query(() => ReviewPolicyType, {
    description:
      "How ratings work here, for anyone (anonymous viewers too): in the language asked, else the signed-in viewer's, else French.",
  })
  async reviewPolicy(
    @Args('locale', { type: () => Locale, nullable: true, description: "FR or EN; the viewer's language when omitted." })
    locale: Locale | null,
    @Context('req') req: Request,
    @CurrentViewer() viewer?: Viewer,
  ): Promise<ReviewPolicy> {
    const language = locale ?? (viewer ? (await this.users.load(req, viewer.id)).locale : Locale.FR);
    return reviewPolicy(language, { ratingWindowDays: this.config.ratingWindowDays });
  }
}
