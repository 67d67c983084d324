import { RateLimit, User, UsersLoader, UserType } from '@marketplace/accounts';
import { Connection, CurrentViewer, RequestLoaders, Viewer } from '@marketplace/common';
import { Mission, MissionsLoader, MissionType } from '@marketplace/missions';
import { Args, Context, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { RateMissionInput } from './dto/rate-mission.input';
import { ReplyToRatingArgs } from './dto/reply-to-rating.args';
import { Rating, RatingRole } from './rating.entity';
import { RatingConnection, RatingType, ReputationType } from './rating.type';
import { RatingsService } from './ratings.service';
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
  @Mutation(() => RatingType)
  rateMission(@CurrentViewer() viewer: Viewer, @Args('input') input: RateMissionInput): Promise<Rating> {
    return this.ratings.rate(viewer, input);
  }

  @RateLimit('rating')
  @Mutation(() => RatingType)
  replyToRating(@CurrentViewer() viewer: Viewer, @Args() { ratingId, reply }: ReplyToRatingArgs): Promise<Rating> {
    return this.ratings.reply(viewer, ratingId, reply);
  }

  @ResolveField(() => MissionType)
  mission(@Parent() rating: Rating, @Context('req') req: Request, @CurrentViewer() viewer?: Viewer): Promise<Mission> {
    return this.missions.load(req, viewer, rating.missionId);
  }

  @ResolveField(() => UserType)
  author(@Parent() rating: Rating, @Context('req') req: Request): Promise<User> {
    return this.users.load(req, rating.authorId);
  }

  @ResolveField(() => UserType)
  subject(@Parent() rating: Rating, @Context('req') req: Request): Promise<User> {
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
  ratings(@Parent() mission: Mission, @Context('req') req: Request): Promise<Rating[]> {
    return this.loaders
      .get(req, 'publishedRatingsByMission', (ids: readonly string[]) => this.ratingsService.publishedOnMissions(ids))
      .load(mission.id);
  }

  @ResolveField(() => RatingType, { nullable: true, description: "The viewer's own rating on this mission, published or not." })
  myRating(@Parent() mission: Mission, @Context('req') req: Request, @CurrentViewer() viewer?: Viewer): Promise<Rating | null> | null {
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

  @ResolveField(() => ReputationType)
  reputation(@Parent() user: User, @Context('req') req: Request): Promise<UserReputation> {
    return this.reputations.load(req, user.id);
  }

  @ResolveField(() => RatingConnection, { description: 'Published, not hidden ratings that this user received, newest first.' })
  ratingsReceived(
    @Parent() user: User,
    @Args('as', { type: () => RatingRole, nullable: true }) role: RatingRole | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @CurrentViewer() viewer?: Viewer,
  ): Promise<Connection<Rating>> {
    return this.ratings.received(viewer, user.id, role, first ?? 20, after);
  }
}
