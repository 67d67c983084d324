import { RateLimit, User, UsersLoader, UserType } from '@marketplace/accounts';
import {
  Connection,
  CurrentViewer,
  FieldContext,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  RequestLoaders,
  Viewer,
  viewerOf,
} from '@marketplace/common';
import { Mission, MissionsLoader, MissionType } from '@marketplace/missions';
import { Args, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RateMissionInput } from './dto/rate-mission.input';
import { ReplyToRatingArgs } from './dto/reply-to-rating.args';
import { Rating, RatingRole } from './rating.entity';
import { RatingConnection, RatingType, ReputationType } from './rating.type';
import { RatingOrder, RatingsService } from './ratings.service';
import { UserReputation } from './reputation';
import { ReputationLoader } from './reputation.loader';

@Resolver(() => RatingType)
export class RatingResolver {
  constructor(
    private readonly ratings: RatingsService,
    private readonly missions: MissionsLoader,
    private readonly users: UsersLoader,
  ) {}

  @RateLimit('rating')
  @Mutation(() => RatingType, {
    description:
      'A party rates the other side of a COMPLETED mission, once and for good, within RATING_WINDOW_DAYS (14 by default) of its completion. The rating stays unpublished until the other side rates too or the window closes. FORBIDDEN for anyone but the client and the assigned provider; CONFLICT before completion, after the window, or for a second rating. TOO_MANY_REQUESTS past RATE_LIMIT_RATING_PER_USER (30 an hour by default, with replyToRating).',
  })
  rateMission(@CurrentViewer() viewer: Viewer, @Args('input', { description: 'The rating.' }) input: RateMissionInput): Promise<Rating> {
    return this.ratings.rate(viewer, input);
  }

  @RateLimit('rating')
  @Mutation(() => RatingType, {
    description:
      'The rated user answers a published rating, once, publicly. NOT_FOUND for a rating they may not see, FORBIDDEN for anyone else, CONFLICT when it has a reply.',
  })
  replyToRating(@CurrentViewer() viewer: Viewer, @Args() { ratingId, reply }: ReplyToRatingArgs): Promise<Rating> {
    return this.ratings.reply(viewer, ratingId, reply);
  }

  @ResolveField(() => MissionType, { description: 'The mission rated.' })
  mission(rating: Rating, _args: unknown, { req }: FieldContext): Promise<Mission> {
    const viewer = viewerOf(req);
    return this.missions.load(req, viewer, rating.missionId);
  }

  @ResolveField(() => UserType, { description: 'The user who wrote the rating.' })
  author(rating: Rating, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, rating.authorId);
  }

  @ResolveField(() => UserType, { description: 'The user rated.' })
  subject(rating: Rating, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, rating.subjectId);
  }
}

/** The ratings of a mission: published ones for everyone, one's own before that. */
@Resolver(() => MissionType)
export class MissionRatingsResolver {
  constructor(
    private readonly ratingsService: RatingsService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => [RatingType], { description: 'Published, not hidden ratings left on this mission.' })
  ratings(mission: Mission, _args: unknown, { req }: FieldContext): Promise<Rating[]> {
    return this.loaders
      .get(req, 'publishedRatingsByMission', (ids: readonly string[]) => this.ratingsService.publishedOnMissions(ids))
      .load(mission.id);
  }

  @ResolveField(() => RatingType, { nullable: true, description: "The viewer's own rating on this mission, published or not." })
  myRating(mission: Mission, _args: unknown, { req }: FieldContext): Promise<Rating | null> | null {
    const viewer = viewerOf(req);
    if (!viewer) return null;
    return this.loaders
      .get(req, 'ownRatingByMission', (ids: readonly string[]) => this.ratingsService.ownOnMissions(viewer.id, ids))
      .load(mission.id);
  }
}

/** A user's reputation and the ratings they received. */
@Resolver(() => UserType)
export class UserRatingsResolver {
  constructor(
    private readonly ratings: RatingsService,
    private readonly reputations: ReputationLoader,
  ) {}

  @ResolveField(() => ReputationType, { description: 'Counts and averages of the ratings the user received, as provider and as client.' })
  reputation(user: User, _args: unknown, { req }: FieldContext): Promise<UserReputation> {
    return this.reputations.load(req, user.id);
  }

  @ResolveField(() => RatingConnection, {
    description: 'Published, not hidden ratings that this user received, by publication date: newest first unless orderBy says otherwise.',
  })
  ratingsReceived(
    @Parent() user: User,
    @Args('as', { type: () => RatingRole, nullable: true, description: 'Only the ratings received in this role; both when omitted.' })
    role: RatingRole | null,
    @Args('orderBy', {
      type: () => RatingOrder,
      nullable: true,
      defaultValue: RatingOrder.NEWEST_FIRST,
      description: 'NEWEST_FIRST (the default) or OLDEST_FIRST; page on with the same orderBy as the page the cursor came from.',
    })
    order: RatingOrder | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
    @CurrentViewer() viewer?: Viewer,
  ): Promise<Connection<Rating>> {
    return this.ratings.received(viewer, user.id, role, order ?? RatingOrder.NEWEST_FIRST, first ?? 20, after);
  }
}
