import { RateLimit, User, UsersLoader, UserType } from '@marketplace/accounts';
import {
  Connection,
  CurrentViewer,
  FieldContext,
  PAGE_AFTER_DESCRIPTION,
  PAGE_SIZE_DESCRIPTION,
  RequireRoles,
  Role,
  Viewer,
} from '@marketplace/common';
import { Args, Int, Mutation, Query, registerEnumType, ResolveField, Resolver } from '@nestjs/graphql';
import { Mission } from '../mission.entity';
import { MissionType } from '../mission.type';
import { MissionsService } from '../missions.service';
import { DisputeConnection, DisputeType } from './dispute.type';
import { CancelMissionArgs } from './cancel-mission.args';
import { MissionIdArgs, OpenDisputeArgs, ResolveDisputeArgs } from './lifecycle.args';
import { MissionLifecycle } from './mission-lifecycle';
import { DisputeResolution } from './mission-steps';

registerEnumType(DisputeResolution, {
  name: 'DisputeResolution',
  description: 'How a moderator settles a dispute.',
  valuesMap: {
    PAY_PROVIDER: { description: 'The provider is paid, as if the client had confirmed the delivery: the mission is COMPLETED.' },
    REFUND_CLIENT: { description: 'The client gets back what is left of the payment: the mission is CANCELLED.' },
    SPLIT: {
      description:
        "Part back to the client (refundCents), the rest paid to the provider, the platform's fee taken on the provider's part only: the mission is COMPLETED.",
    },
  },
});

/** The steps of a mission the API offers, each one method of MissionLifecycle (see MISSION_STEPS). */
@Resolver(() => MissionType)
export class MissionLifecycleResolver {
  constructor(private readonly lifecycle: MissionLifecycle) {}

  @Mutation(() => MissionType, {
    description:
      'Calls the mission off (CANCELLED): its client while it is OPEN or ASSIGNED, its assigned provider while ASSIGNED. Pending bids are declined; a payment made is refunded in full, an unpaid one canceled. FORBIDDEN for anyone else, CONFLICT from another status.',
  })
  cancelMission(@CurrentViewer() viewer: Viewer, @Args() { id, reason }: CancelMissionArgs): Promise<Mission> {
    return this.lifecycle.cancel(viewer, id, reason ?? null);
  }

  @Mutation(() => MissionType, {
    description:
      "The assigned provider says the work is done: ASSIGNED to DELIVERED, once the client's payment has been received (CONFLICT before). Unless the client disputes it, the mission completes by itself AUTO_COMPLETE_DAYS (7 by default) later. FORBIDDEN for anyone else.",
  })
  markMissionDelivered(@CurrentViewer() viewer: Viewer, @Args() { missionId }: MissionIdArgs): Promise<Mission> {
    return this.lifecycle.markDelivered(viewer, missionId);
  }

  @Mutation(() => MissionType, {
    description:
      "The client confirms the delivery: DELIVERED to COMPLETED; the provider's payout goes, and both sides may rate each other. FORBIDDEN for anyone else, CONFLICT from another status.",
  })
  confirmMissionCompletion(@CurrentViewer() viewer: Viewer, @Args() { missionId }: MissionIdArgs): Promise<Mission> {
    return this.lifecycle.confirmCompletion(viewer, missionId);
  }

  @RateLimit('dispute')
  @Mutation(() => MissionType, {
    description:
      'The client disputes the delivery: DELIVERED to DISPUTED; the payout waits for a moderator (resolveDispute). FORBIDDEN for anyone else, CONFLICT from another status, TOO_MANY_REQUESTS past RATE_LIMIT_DISPUTE_PER_USER (10 an hour by default).',
  })
  openDispute(@CurrentViewer() viewer: Viewer, @Args() { missionId, reason }: OpenDisputeArgs): Promise<Mission> {
    return this.lifecycle.openDispute(viewer, missionId, reason);
  }

  @RequireRoles(Role.MODERATOR)
  @Mutation(() => MissionType, {
    description:
      'Moderators only, not a party to the mission: settles a DISPUTED mission (CONFLICT from another status); written to the moderation log. PAY_PROVIDER and SPLIT complete it, REFUND_CLIENT cancels it. The party it goes against (both, for a SPLIT) gets a statement of reasons (MODERATION_DECISION) citing groundId. CONFLICT for a SPLIT when nothing of the payment is left; BAD_USER_INPUT for a ground that is not a DISPUTE_SETTLED one.',
  })
  resolveDispute(
    @CurrentViewer() moderator: Viewer,
    @Args() { missionId, resolution, note, refundCents, groundId }: ResolveDisputeArgs,
  ): Promise<Mission> {
    return this.lifecycle.resolveDispute(moderator, missionId, resolution, note, refundCents ?? null, groundId ?? undefined);
  }
}

/** The moderators' queue of disputes; each Dispute is its mission, with the dispute's own fields. */
@Resolver(() => DisputeType)
export class DisputeResolver {
  constructor(
    private readonly missions: MissionsService,
    private readonly users: UsersLoader,
  ) {}

  @RequireRoles(Role.MODERATOR)
  @Query(() => DisputeConnection, { description: 'Moderators only: the DISPUTED missions, the longest-disputed first.' })
  disputes(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: PAGE_SIZE_DESCRIPTION }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: PAGE_AFTER_DESCRIPTION }) after?: string,
  ): Promise<Connection<Mission>> {
    return this.missions.listDisputed(first ?? 20, after);
  }

  @ResolveField(() => MissionType, { description: 'The disputed mission.' })
  mission(mission: Mission): Mission {
    return mission;
  }

  @ResolveField(() => UserType, { description: 'The assigned provider, whose delivery the client disputes.' })
  provider(mission: Mission, _args: unknown, { req }: FieldContext): Promise<User> {
    return this.users.load(req, mission.assignedProviderId!);
  }
}
