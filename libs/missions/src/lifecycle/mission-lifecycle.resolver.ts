import { RateLimit } from '@marketplace/accounts';
import { CurrentViewer, RequireRoles, Role, Viewer } from '@marketplace/common';
import { Args, Mutation, registerEnumType, Resolver } from '@nestjs/graphql';
import { Mission } from '../mission.entity';
import { MissionType } from '../mission.type';
import { CancelMissionArgs } from './cancel-mission.args';
import { MissionIdArgs, OpenDisputeArgs, ResolveDisputeArgs } from './lifecycle.args';
import { MissionLifecycle } from './mission-lifecycle';
import { DisputeResolution } from './mission-steps';

registerEnumType(DisputeResolution, { name: 'DisputeResolution' });

/** The steps of a mission the API offers, each one method of MissionLifecycle (see MISSION_STEPS). */
@Resolver(() => MissionType)
export class MissionLifecycleResolver {
  constructor(private readonly lifecycle: MissionLifecycle) {}

  @Mutation(() => MissionType)
  cancelMission(@CurrentViewer() viewer: Viewer, @Args() { id, reason }: CancelMissionArgs): Promise<Mission> {
    return this.lifecycle.cancel(viewer, id, reason ?? null);
  }

  @Mutation(() => MissionType)
  markMissionDelivered(@CurrentViewer() viewer: Viewer, @Args() { missionId }: MissionIdArgs): Promise<Mission> {
    return this.lifecycle.markDelivered(viewer, missionId);
  }

  @Mutation(() => MissionType)
  confirmMissionCompletion(@CurrentViewer() viewer: Viewer, @Args() { missionId }: MissionIdArgs): Promise<Mission> {
    return this.lifecycle.confirmCompletion(viewer, missionId);
  }

  @RateLimit('dispute')
  @Mutation(() => MissionType)
  openDispute(@CurrentViewer() viewer: Viewer, @Args() { missionId, reason }: OpenDisputeArgs): Promise<Mission> {
    return this.lifecycle.openDispute(viewer, missionId, reason);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => MissionType)
  resolveDispute(
    @CurrentViewer() moderator: Viewer,
    @Args() { missionId, resolution, note, refundCents }: ResolveDisputeArgs,
  ): Promise<Mission> {
    return this.lifecycle.resolveDispute(moderator, missionId, resolution, note, refundCents ?? null);
  }
}
