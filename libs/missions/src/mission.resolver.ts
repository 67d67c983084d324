import { RateLimit, User, UsersLoader, UserType } from '@marketplace/accounts';
import {
  AllowAnonymous,
  assertUuid,
  Connection,
  CurrentViewer,
  Edge,
  FieldContext,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  Viewer,
  viewerOf,
} from '@marketplace/common';
import { Args, Float, ID, Int, Mutation, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { MissionFilter } from './dto/mission-filter.input';
import { PostMissionInput } from './dto/post-mission.input';
import { UpdateMissionInput } from './dto/update-mission.input';
import { Mission, MissionStatus } from './mission.entity';
import { GeoPointType, MissionConnection, MissionEdgeType, MissionType, PublicLocationType } from './mission.type';
import { MissionUpdates } from './mission-updates';
import { MissionsService } from './missions.service';

@Resolver(() => MissionType)
export class MissionResolver {
  constructor(
    private readonly missionsService: MissionsService,
    private readonly updates: MissionUpdates,
    private readonly users: UsersLoader,
  ) {}

  @AllowAnonymous()
  @Query(() => MissionType, {
    nullable: true,
    description: 'A mission by id, for anyone (anonymous viewers too); null when there is none, or it is hidden from the viewer.',
  })
  mission(
    @CurrentViewer() viewer: Viewer | undefined,
    @Args('id', { type: () => ID, description: "The mission's id." }) id: string,
  ): Promise<Mission | null> {
    return this.missionsService.findVisible(viewer, assertUuid(id));
  }

  @AllowAnonymous()
  @Query(() => MissionConnection, {
    description:
      'The mission search, for anyone (anonymous viewers too): OPEN missions unless the filter says otherwise, newest first, or nearest first near a point. Hidden missions never appear.',
  })
  missions(
    // Typed as the class alone (not `| null`), so that the validation pipe sees MissionFilter.
    @Args('filter', { type: () => MissionFilter, nullable: true, description: 'What to look for; every OPEN mission when omitted.' })
    filter: MissionFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<Mission>> {
    const near = filter?.near && filter.radiusKm != null ? { ...filter.near, radiusKm: filter.radiusKm } : null;
    return this.missionsService.search(
      { status: filter?.status ?? MissionStatus.OPEN, category: filter?.category, text: filter?.text, near },
      first ?? 20,
      after,
    );
  }

  @Query(() => MissionConnection, { description: 'Missions the viewer posted, newest first. Hidden ones included.' })
  myMissions(
    @CurrentViewer() viewer: Viewer,
    @Args('status', { type: () => MissionStatus, nullable: true, description: 'Only missions in this status; all of them when omitted.' })
    status: MissionStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<Mission>> {
    return this.missionsService.listOfClient(viewer, status, first ?? 20, after);
  }

  @RateLimit('mission')
  @Mutation(() => MissionType, {
    description:
      'Posts a mission, OPEN, with the viewer as its client. BAD_USER_INPUT for a preferred window not in the future or ending before it starts; TOO_MANY_REQUESTS past RATE_LIMIT_MISSION_PER_USER (30 an hour by default, postMission and updateMission together).',
  })
  postMission(
    @CurrentViewer() viewer: Viewer,
    @Args('input', { description: 'The new mission.' }) input: PostMissionInput,
  ): Promise<Mission> {
    return this.missionsService.post(viewer, input);
  }

  @RateLimit('mission')
  @Mutation(() => MissionType, {
    description:
      "The client edits an OPEN mission while no bid on it is pending: FORBIDDEN for anyone else, CONFLICT once it is not OPEN or has a pending bid. Counts against postMission's hourly limit.",
  })
  updateMission(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID, description: "The mission's id." }) id: string,
    @Args('input', { description: 'The fields to change.' }) input: UpdateMissionInput,
  ): Promise<Mission> {
    return this.missionsService.update(viewer, assertUuid(id), input);
  }

  @Subscription(() => MissionType, {
    description:
      'The mission after each lifecycle step and each change of its bid count, as the viewer may see it (status, bidCount…), from now on: re-query it when (re)subscribing. NOT_FOUND when the viewer may not see it (where `mission` answers null), at the start or when it is hidden from them later, which ends the subscription.',
    resolve: (mission: Mission) => mission,
  })
  missionUpdated(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID, description: "The mission's id." }) id: string,
  ): Promise<AsyncIterableIterator<Mission>> {
    return this.updates.follow(viewer, assertUuid(id));
  }

  @ResolveField(() => UserType, { description: 'The user who posted the mission.' })
  client(mission: Mission, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, mission.clientId);
  }

  @ResolveField(() => PublicLocationType, { description: 'Where the mission takes place, as anyone may see it.' })
  location(mission: Mission): PublicLocationType {
    return { city: mission.city, postcode: mission.postcode, latitude: mission.publicLatitude, longitude: mission.publicLongitude };
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The exact street address: visible to the client and the assigned provider only.',
  })
  address(mission: Mission, _args: unknown, { req }: FieldContext): string | null {
    const viewer = viewerOf(req);
    return this.missionsService.isParty(mission, viewer) ? mission.address : null;
  }

  @ResolveField(() => GeoPointType, {
    nullable: true,
    description: 'The exact coordinates: visible to the client and the assigned provider only.',
  })
  exactLocation(mission: Mission, _args: unknown, { req }: FieldContext): GeoPointType | null {
    const viewer = viewerOf(req);
    return this.missionsService.isParty(mission, viewer) ? { latitude: mission.latitude, longitude: mission.longitude } : null;
  }
}

@Resolver(() => MissionEdgeType)
export class MissionEdgeResolver {
  /** The search sets it on the mission it found (the deprecated Mission.distanceKm reads it there too). */
  @ResolveField(() => Float, { nullable: true })
  distanceKm(edge: Edge<Mission>): number | null {
    return edge.node.distanceKm ?? null;
  }
}
